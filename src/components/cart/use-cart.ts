/**
 * The cart page's state and actions. The cart shown is always the last CartView the server answered; the
 * changes are sent one at a time, in order, so an older answer never overwrites a newer one. Rapid stepper taps
 * on a line merge into one call for the latest quantity, shown at once while it is on its way.
 */
import { useCallback, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { CartView, Result } from '@shop/types';
import { fetchCart, removeLines, selectAllLines, selectLines, setLineQuantity } from '../../services/cart';
import { errorMessage } from '../../services/error-messages';

export type CartState =
  { status: 'loading' } | { status: 'error'; code: string } | { status: 'ready'; view: CartView };

export function useCart() {
  const [state, setState] = useState<CartState>({ status: 'loading' });
  const stateRef = useRef(state);
  /** Quantities tapped but not answered yet, by line. */
  const [pending, setPending] = useState<Record<string, number>>({});
  const wanted = useRef(new Map<string, number>());
  const queuedLines = useRef(new Set<string>());
  const queue = useRef<Promise<void>>(Promise.resolve());

  const show = useCallback((next: CartState) => {
    stateRef.current = next;
    setState(next);
  }, []);

  const enqueue = useCallback((task: () => Promise<void>): Promise<void> => {
    queue.current = queue.current.then(task, task);
    return queue.current;
  }, []);

  /** `quiet` keeps the cart on screen while it reloads (coming back to the tab). */
  const reload = useCallback(
    (quiet: boolean) =>
      enqueue(async () => {
        if (!quiet || stateRef.current.status !== 'ready') show({ status: 'loading' });
        const answer = await fetchCart();
        if (answer.ok) show({ status: 'ready', view: answer.data });
        else if (stateRef.current.status !== 'ready') show({ status: 'error', code: answer.code });
      }),
    [enqueue, show],
  );

  /** Shows the answer of a change; a refusal is said in a toast and the cart is read again. */
  const settle = useCallback(
    async (answer: Result<CartView>) => {
      if (answer.ok) {
        show({ status: 'ready', view: answer.data });
        return;
      }
      void Taro.showToast({ title: errorMessage(answer.code), icon: 'none' });
      const fresh = await fetchCart();
      if (fresh.ok) show({ status: 'ready', view: fresh.data });
    },
    [show],
  );

  const setQuantity = useCallback(
    (lineId: string, quantity: number) => {
      wanted.current.set(lineId, quantity);
      setPending(Object.fromEntries(wanted.current));
      if (queuedLines.current.has(lineId)) return;
      queuedLines.current.add(lineId);
      void enqueue(async () => {
        queuedLines.current.delete(lineId);
        const quantityToSend = wanted.current.get(lineId);
        if (quantityToSend === undefined) return;
        await settle(await setLineQuantity(lineId, quantityToSend));
        // A tap during the call queued another send; otherwise the answer is now what the page shows.
        if (!queuedLines.current.has(lineId)) wanted.current.delete(lineId);
        setPending(Object.fromEntries(wanted.current));
      });
    },
    [enqueue, settle],
  );

  const select = useCallback(
    (lineIds: string[], selected: boolean) =>
      enqueue(async () => settle(await selectLines(lineIds, selected))),
    [enqueue, settle],
  );

  const selectAll = useCallback(
    (selected: boolean) => enqueue(async () => settle(await selectAllLines(selected))),
    [enqueue, settle],
  );

  const remove = useCallback(
    (lineIds: string[]) => enqueue(async () => settle(await removeLines(lineIds))),
    [enqueue, settle],
  );

  /** Resolves once every change tapped so far has been answered (before leaving for checkout). */
  const idle = useCallback(() => enqueue(async () => undefined), [enqueue]);

  return { state, pending, reload, setQuantity, select, selectAll, remove, idle };
}
