/** Numbers the dashboard's charts print beside the picture: the funnel's rates. */

/** A step of the funnel as a share of the step before: '25.0%', or '—' when there was nothing before. */
export function rateText(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return `${((part / whole) * 100).toFixed(1)}%`;
}
