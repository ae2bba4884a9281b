/**
 * Unpaid orders whose time to pay ran out while the buyer looks at them: 去支付 goes at once, and the server is
 * asked once per order to close it (order.closeExpired), rather than waiting for its worker's next run. The page
 * shows the answer: 已关闭 (the stock back), 待发货 when WeChat Pay had the payment, or still closing while the
 * server waits to ask WeChat Pay again (its worker closes it then).
 */
import { useCallback, useRef, useState } from 'react';
import type { Order, OrderSummary } from '@shop/types';
import { closeExpiredOrder } from '../../services/order';

export interface ExpiredCloseHandlers {
  /** The server's answer: the order as it is after the close. */
  onAnswer: (order: Order) => void;
  /** The server still counts time left (this phone counted faster): read the order again for a fresh countdown. */
  onNotExpired: (orderId: string) => void;
}

export function useExpiredClose({ onAnswer, onNotExpired }: ExpiredCloseHandlers) {
  const [expired, setExpired] = useState<ReadonlySet<string>>(() => new Set());
  // Asked once per order while the page is open: an answer still closing draws a countdown at zero again,
  // which must not ask again (the server's backoff decides when WeChat Pay is asked next).
  const asked = useRef(new Set<string>());

  const closeExpired = useCallback(
    async (orderId: string) => {
      setExpired((current) => (current.has(orderId) ? current : new Set(current).add(orderId)));
      if (asked.current.has(orderId)) return;
      asked.current.add(orderId);
      const answer = await closeExpiredOrder(orderId);
      if (answer.ok) {
        onAnswer(answer.data);
      } else if (answer.code === 'ORDER_NOT_EXPIRED') {
        asked.current.delete(orderId);
        setExpired((current) => {
          const next = new Set(current);
          next.delete(orderId);
          return next;
        });
        onNotExpired(orderId);
      }
      // Any other failure (the network): the order stays shown closing, and the worker closes it.
    },
    [onAnswer, onNotExpired],
  );

  /** Whether the time to pay is over on this page: no 去支付 for it, whatever the server answers next. */
  const payOver = useCallback(
    (order: Pick<OrderSummary, '_id' | 'state' | 'payRemainingMs'>) =>
      order.state === 'TO_PAY' && (order.payRemainingMs === 0 || expired.has(order._id)),
    [expired],
  );

  return { closeExpired, payOver };
}
