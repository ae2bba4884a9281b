/**
 * The functions' one notion of now. In the cloud it is the system clock. The local cloud, and only when a
 * test runs it with its test clock, sets CLOCK_OFFSET_ENV on each invocation to how far the test has moved
 * time forward, so deadlines, expiry, retries and auto-receipt are reached without waiting. Deployment never
 * sets this variable (see docs/testing.md), so in production the offset is always zero.
 */

/** Milliseconds to add to the system clock; set by the local cloud's test clock only. */
export const CLOCK_OFFSET_ENV = 'LOCAL_CLOUD_CLOCK_OFFSET_MS';

function offsetMs(): number {
  const text = process.env[CLOCK_OFFSET_ENV];
  if (text === undefined || text === '') return 0;
  const offset = Number(text);
  return Number.isSafeInteger(offset) ? offset : 0;
}

/** Now, in milliseconds since the epoch. */
export function now(): number {
  return Date.now() + offsetMs();
}

/** Now as a Date (for signatures and formatted times). */
export function nowDate(): Date {
  return new Date(now());
}
