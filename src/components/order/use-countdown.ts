/** Milliseconds left until a deadline, ticking every second; `onEnd` runs once when it reaches zero. */
import { useEffect, useRef, useState } from 'react';
import type { EpochMs } from '@shop/types';

export function useCountdown(deadline: EpochMs | undefined, onEnd?: () => void): number {
  const [now, setNow] = useState(() => Date.now());
  const onEndRef = useRef(onEnd);
  onEndRef.current = onEnd;

  useEffect(() => {
    if (deadline === undefined) return undefined;
    setNow(Date.now());
    if (Date.now() >= deadline) return undefined;
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
