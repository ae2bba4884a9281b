/**
 * The payment endpoints when the function cannot check a notice (its payment configuration is broken): they
 * answer WeChat Pay a failure, so it delivers the notice again once the function is fixed, and store nothing.
 * Acknowledging here would lose a payment.
 */
import { startShopCloud, type ShopCloud } from './shop-cloud';

let shop: ShopCloud;
beforeAll(async () => {
  // A payment mode no gateway implements: every instance fails to build its gateway.
  shop = await startShopCloud({ paymentMode: 'sandbox', functionEnv: { PAY_MODE: 'v4' } });
});
afterAll(() => shop.close());

async function inboxCount(): Promise<number> {
  return (await shop.db.collection('payment_inbox').count()).total;
}

test('payCallback answers cloudPay a failure (errcode 1), so the callback is delivered again; nothing stored', async () => {
  const answer = await shop.cloud.cloud.runtime.invoke({
    functionName: 'payCallback',
    event: { returnCode: 'SUCCESS', resultCode: 'SUCCESS', outTradeNo: 'UNCONF-0001', totalFee: 100 },
    caller: { source: 'wx_paycallback' },
    trigger: 'callFunction',
  });
  expect(answer).toMatchObject({ ok: true, result: { errcode: 1, errmsg: 'temporarily unavailable' } });
  expect(await inboxCount()).toBe(0);
});

test('payNotify answers WeChat Pay 500 with its failure body, so the notification is retried; nothing stored', async () => {
  const response = await fetch(`${shop.cloud.url}/http/payNotify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ id: 'EV-UNCONF-0001', event_type: 'TRANSACTION.SUCCESS', resource: {} }),
  });
  expect(response.status).toBe(500);
  expect(await response.json()).toEqual({ code: 'FAIL', message: 'temporarily unavailable' });
  expect(await inboxCount()).toBe(0);
});
