/**
 * How long the worker waits before it repairs what a flow left: longer than any order creation or
 * cancellation can take (the function timeout), so a live writer is never repaired under its feet.
 */
export const REPAIR_GRACE_MS = 2 * 60 * 1000;
