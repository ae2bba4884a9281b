/**
 * Calls the local cloud's functions as the H5 build's bridge does (x-wx-openid), for scenarios that stage
 * orders or check the outcome without going through the page; and the local cloud's test routes a scenario
 * waits on instead of polling: the pay sandbox's settled notification, the test clock, one worker run.
 */
import type { ActionName, ActionRequest, ActionResponse, Result } from '../../types';
import { PAY_SANDBOX_REFUND_SETTLE_MS } from '../../emulator/paysandbox/pay-sandbox';

export async function call(
  baseUrl: string,
  fn: string,
  event: object,
  openid: string,
): Promise<Result<unknown>> {
  const response = await fetch(`${baseUrl}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify(event),
  });
  return (await response.json()) as Result<unknown>;
}

/** A `shop` action as `openid`, insisting on success and answering its data. */
export function shopActionsOf(openid: string) {
  return async function asBuyer<A extends ActionName<'shop'>>(
    baseUrl: string,
    action: A,
    request: ActionRequest<'shop', A>,
  ): Promise<ActionResponse<'shop', A>> {
    const answer = await call(baseUrl, 'shop', { ...(request as object), action }, openid);
    if (!answer.ok) throw new Error(`${action} answered ${answer.code}: ${answer.message}`);
    return answer.data as ActionResponse<'shop', A>;
  };
}

async function postJson(url: string, body: object): Promise<{ status: number; body: unknown }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: await response.json() };
}

/**
 * The buyer pays `order` in the pay sandbox (as its sheet's 支付 does); resolves once the sandbox says its
 * notification reached payNotify, then applies it with order.syncPayment as the order page does.
 */
export async function payInSandbox(
  baseUrl: string,
  openid: string,
  order: { _id: string; orderNo: string },
): Promise<void> {
  const asBuyer = shopActionsOf(openid);
  await asBuyer(baseUrl, 'order.pay', { orderId: order._id });
  const paid = await postJson(`${baseUrl}/_/paysandbox/pay`, { outTradeNo: order.orderNo, openid });
  if (paid.status !== 200) throw new Error(`the sandbox refused to pay: ${JSON.stringify(paid.body)}`);
  const settled = await postJson(
    `${baseUrl}/_/paysandbox/notifications/${encodeURIComponent(order.orderNo)}/settled`,
    {},
  );
  const notification = (settled.body as { notification?: { delivered?: boolean } | null }).notification;
  if (!notification?.delivered)
    throw new Error(
      `the notification of ${order.orderNo} was not delivered: ${JSON.stringify(settled.body)}`,
    );
  const synced = await asBuyer(baseUrl, 'order.syncPayment', { orderId: order._id });
  if (synced.state !== 'PAID') throw new Error(`order ${order.orderNo} is ${synced.state} after paying`);
}

/** Moves the local cloud's test clock forward; resolves once the timer firings it made due have run. */
export async function advanceClock(baseUrl: string, ms: number): Promise<void> {
  const moved = await postJson(`${baseUrl}/_/clock/advance`, { ms });
  if (moved.status !== 200) throw new Error(`the clock did not move: ${JSON.stringify(moved.body)}`);
}

/** One run of the worker, as its timer would start it. */
export async function runWorker(baseUrl: string): Promise<void> {
  const report = (await call(baseUrl, 'worker', {}, '')) as { ok?: boolean };
  if (report.ok !== true) throw new Error(`the worker failed: ${JSON.stringify(report)}`);
}

/**
 * WeChat Pay settles a refund a moment after accepting it (the sandbox: PAY_SANDBOX_REFUND_SETTLE_MS by the
 * cloud's clock): move the clock past that, and the worker's next run follows the refund to the order.
 */
export async function settleRefunds(baseUrl: string): Promise<void> {
  await advanceClock(baseUrl, PAY_SANDBOX_REFUND_SETTLE_MS);
  await runWorker(baseUrl);
}
