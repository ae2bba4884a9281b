/** Countdowns of an order: milliseconds left until a deadline, and the moment an unpaid order closes. */
import { useEffect, useMemo, useRef, useState } from 'react';
import type { EpochMs, OrderSummary } from '@shop/types';

/**
 * Milliseconds left until a deadline, ticking every second; `onEnd` runs once when it reaches zero, or at once
 * for a deadline already past when it is given (an order read after its time ran out).
 */
export function useCountdown(deadline: EpochMs | undefined, onEnd?: () => void): number {
  const [now, setNow] = useState(() => Date.now());
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;

  useEffect(() => {
    if (deadline === undefined) return undefined;
    setNow(Date.now());
    if (Date.now() >= deadline) {
      onEndRef.current?.();
      return undefined;
    }
    const timer = setInterval(() => {
      const current = Date.now();
      setNow(current);
      if (current >= deadline) {
        clearInterval(timer);
        onEndRef.current?.();
      }
    }, 1000);
    return () => clearInterval(timer);
  }, [deadline]);

  return deadline === undefined ? 0 : Math.max(0, deadline - now);
}

/**
 * When an unpaid order closes, on this phone's clock: the time left the server counted when it answered,
 * from the moment the answer arrived, so a phone whose clock is off still counts down right. Answers without
 * it (an order just created) fall back to the server's deadline.
 */
export function usePayDeadline(
  order: Pick<OrderSummary, 'state' | 'expiresAt' | 'payRemainingMs'>,
): EpochMs | undefined {
  // Keyed on the answer itself: a fresh answer of the same order counts again from its arrival.
  return useMemo(
    () =>
      order.state !== 'TO_PAY'
        ? undefined
        : order.payRemainingMs !== undefined
          ? Date.now() + order.payRemainingMs
          : order.expiresAt,
    [order],
  );
}
