/** Numbers of the dashboard's charts, apart from their views: the scale's round top and the funnel's rates. */

/** Rounds the top of the scale up to 1, 2 or 5 × a power of ten, so gridlines read as round numbers. */
export function niceCeiling(value: number): number {
  if (value <= 0) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  const step = [1, 2, 5, 10].find((factor) => factor * power >= value) ?? 10;
  return step * power;
}

/** A step of the funnel as a share of the step before: '25.0%', or '—' when there was nothing before. */
export function rateText(part: number, whole: number): string {
  if (whole <= 0) return '—';
  return `${((part / whole) * 100).toFixed(1)}%`;
}
