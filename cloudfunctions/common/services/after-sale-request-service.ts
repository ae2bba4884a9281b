/**
 * After-sales after receipt, as flows: the buyer opens a request on some units of a line, the merchant
 * approves or rejects it, a return waits for the buyer's parcel and the merchant's receipt of it (which
 * returns the stock), then a partial refund of the request's amount goes to WeChat Pay under a number derived
 * from the request, and the worker follows it until it settles. Each step is a compare-and-set, and a step cut
 * short is finished by the next caller or the worker (a line held by a closed request, a refund not settled).
 */
import type {
  AfterSaleCreateRequest,
  AfterSalePage,
  AfterSaleQuote,
  AfterSaleRefund,
  AfterSaleState,
  AfterSaleView,
} from '../../../types/after-sales';
import type { ExpressCompanyCode } from '../../../types/express-companies';
import { EXPRESS_COMPANIES } from '../../../types/express-companies';
import { readAfterSalesSettings } from '../config/after-sales-settings';
import {
  afterSaleIdFor,
  afterSaleRefundNo,
  checkAfterSaleWindow,
  lineMarkOf,
  planAfterSaleMove,
  quoteUnits,
  releasesUnits,
  wholeOrderRefunded,
  type AfterSaleEvent,
} from '../domain/after-sale-rules';
import { GatewayError } from '../payments/gateway';
import {
  claimCouponReturn,
  claimLine,
  claimStockReturn,
  findAfterSale,
  findAfterSalesForMerchant,
  findBuyerAfterSales,
  findRefundsToFollow,
  insertAfterSale,
  moveAfterSale,
  releaseLine,
  settleLine,
  updateAfterSaleInState,
  type StoredAfterSale,
} from '../repositories/after-sale-repository';
import { giveBackSpentCoupon } from '../repositories/coupon-repository';
import { findOrder, type StoredOrder } from '../repositories/order-repository';
import { dropMarks, releaseStock, returnedGoodsMark } from '../repositories/stock-repository';
import { fail } from '../runtime/domain-error';
import { recountPastDays } from './dashboard-recount';
import { buyerOrderOrFail } from './order-lookup';
import { paymentGateway } from './payment-gateway-instance';
import { notifyAfterSaleResult } from './message-service';
import { stockReturned } from './restock-service';
import { stockGivenBack } from './sold-out-service';

export const AFTER_SALE_PAGE_SIZE = 10;

/** The request as both sides read it: every field named, the buyer's OPENID and bookkeeping left out. */
export function afterSaleView(doc: StoredAfterSale): AfterSaleView {
  const view: AfterSaleView = {
    _id: doc._id,
    orderId: doc.orderId,
    orderNo: doc.orderNo,
    lineIndex: doc.lineIndex,
    productId: doc.productId,
    skuId: doc.skuId,
    title: doc.title,
    specText: doc.specText,
    image: doc.image,
    quantity: doc.quantity,
    type: doc.type,
    reason: doc.reason,
    note: doc.note,
    photos: doc.photos,
    amount: doc.amount,
    state: doc.state,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
    timeline: doc.timeline,
  };
  if (doc.returnAddress) view.returnAddress = doc.returnAddress;
  if (doc.returnShipment) view.returnShipment = doc.returnShipment;
  if (doc.goodsReceivedAt !== undefined) view.goodsReceivedAt = doc.goodsReceivedAt;
  if (doc.rejectReason !== undefined) view.rejectReason = doc.rejectReason;
  if (doc.refund) view.refund = doc.refund;
  return view;
}

async function afterSaleOrFail(id: string): Promise<StoredAfterSale> {
  const doc = await findAfterSale(id);
  if (!doc) fail('AFTER_SALE_NOT_FOUND', `no after-sales request ${id}`);
  return doc;
}

async function buyerAfterSaleOrFail(openid: string, id: string): Promise<StoredAfterSale> {
  const doc = await findAfterSale(id);
  if (!doc || doc.openid !== openid) fail('AFTER_SALE_NOT_FOUND', `no after-sales request ${id}`);
  return doc;
}

function openOrder(order: StoredOrder, now: number): { endsAt?: number } {
  const window = checkAfterSaleWindow(order, now, readAfterSalesSettings().windowMs);
  if (!window.ok) fail(window.code, `order ${order._id} is past its after-sales window`);
  return window.value;
}

/**
 * A line still held by a request that was closed (rejected, withdrawn) or refunded by a step cut short is
 * let go first, so the buyer is never stuck with a line that looks busy.
 */
async function finishLineOf(order: StoredOrder, lineIndex: number): Promise<StoredOrder> {
  const open = lineMarkOf(order, lineIndex).open;
  if (!open) return order;
  const doc = await findAfterSale(open);
  if (!doc) return order;
  if (releasesUnits(doc.state)) await releaseLine(order._id, lineIndex, doc._id, doc.quantity);
  else if (doc.state === 'REFUNDED')
    await settleLine(order._id, lineIndex, doc._id, doc.quantity, doc.amount);
  else return order;
  return (await findOrder(order._id)) ?? order;
}

export async function quoteAfterSale(
  openid: string,
  orderId: string,
  lineIndex: number,
  quantity: number,
  now: number,
): Promise<AfterSaleQuote> {
  const order = await finishLineOf(await buyerOrderOrFail(openid, orderId), lineIndex);
  const { endsAt } = openOrder(order, now);
  const mark = lineMarkOf(order, lineIndex);
  const item = order.items[lineIndex];
  if (!item) fail('AFTER_SALE_UNAVAILABLE', `order ${orderId} has no line ${lineIndex}`);
  const maxQuantity = Math.max(item.quantity - mark.units, 0);
  const quoted = quoteUnits(order, lineIndex, Math.min(quantity, maxQuantity));
  return {
    maxQuantity,
    amount: quoted.ok ? quoted.value.amount : 0,
    ...(mark.open && { openId: mark.open }),
    ...(endsAt !== undefined && { windowEndsAt: endsAt }),
  };
}

export async function createAfterSale(
  openid: string,
  request: AfterSaleCreateRequest,
  now: number,
): Promise<AfterSaleView> {
  const order = await finishLineOf(await buyerOrderOrFail(openid, request.orderId), request.lineIndex);
  openOrder(order, now);
  const quoted = quoteUnits(order, request.lineIndex, request.quantity);
  if (!quoted.ok) fail(quoted.code, `line ${request.lineIndex}: ${JSON.stringify(quoted.detail ?? {})}`);
  const mark = lineMarkOf(order, request.lineIndex);
  const id = afterSaleIdFor(order._id, request.lineIndex, mark.requests + 1);
  // The line is claimed first: of many requests at once, one claims it; the others change nothing.
  if (!(await claimLine(order._id, request.lineIndex, mark, id, request.quantity)))
    fail('AFTER_SALE_UNAVAILABLE', `line ${request.lineIndex} of ${order._id} changed meanwhile`);
  const item = order.items[request.lineIndex];
  const doc: StoredAfterSale = {
    _id: id,
    openid,
    orderId: order._id,
    orderNo: order.orderNo,
    lineIndex: request.lineIndex,
    productId: item.productId,
    skuId: item.skuId,
    title: item.title,
    specText: item.specText,
    image: item.image,
    quantity: request.quantity,
    type: request.type,
    reason: request.reason,
    note: request.note ?? '',
    photos: request.photos ?? [],
    amount: quoted.value.amount,
    state: 'REQUESTED',
    createdAt: now,
    updatedAt: now,
    timeline: [
      {
        state: 'REQUESTED',
        at: now,
        note: `买家申请${request.type === 'RETURN_REFUND' ? '退货退款' : '仅退款'}`,
      },
    ],
  };
  const outcome = await insertAfterSale(doc);
  return afterSaleView(outcome.inserted ? doc : outcome.existing);
}

export async function buyerAfterSale(openid: string, id: string): Promise<AfterSaleView> {
  return afterSaleView(await buyerAfterSaleOrFail(openid, id));
}

export async function buyerAfterSales(openid: string, page: number): Promise<AfterSalePage> {
  const rows = await findBuyerAfterSales(openid, (page - 1) * AFTER_SALE_PAGE_SIZE, AFTER_SALE_PAGE_SIZE + 1);
  return {
    items: rows.slice(0, AFTER_SALE_PAGE_SIZE).map(afterSaleView),
    hasMore: rows.length > AFTER_SALE_PAGE_SIZE,
  };
}

export async function merchantAfterSales(
  state: AfterSaleState | undefined,
  page: number,
): Promise<AfterSalePage> {
  const rows = await findAfterSalesForMerchant(
    state,
    (page - 1) * AFTER_SALE_PAGE_SIZE,
    AFTER_SALE_PAGE_SIZE + 1,
  );
  return {
    items: rows.slice(0, AFTER_SALE_PAGE_SIZE).map(afterSaleView),
    hasMore: rows.length > AFTER_SALE_PAGE_SIZE,
  };
}

export async function merchantAfterSale(id: string): Promise<AfterSaleView> {
  return afterSaleView(await afterSaleOrFail(id));
}

/** One compare-and-set move by the table; answers the request as it is afterwards. */
async function move(
  doc: StoredAfterSale,
  event: AfterSaleEvent,
  now: number,
  note: string,
  fields: Record<string, unknown> = {},
): Promise<StoredAfterSale> {
  const plan = planAfterSaleMove(doc, event);
  if (!plan.ok) fail(plan.code, `request ${doc._id} cannot ${event} in state ${doc.state}`);
  const entry = { state: plan.value.to, at: now, note };
  if (!(await moveAfterSale(doc._id, plan.value.from, fields, entry)))
    fail('AFTER_SALE_STATE_CONFLICT', `request ${doc._id} changed meanwhile`);
  return { ...doc, ...fields, state: plan.value.to, updatedAt: now, timeline: [...doc.timeline, entry] };
}

function pendingRefund(doc: StoredAfterSale, now: number): AfterSaleRefund {
  return { refundNo: afterSaleRefundNo(doc._id), status: 'PENDING', at: now };
}

/** A request in REFUNDING whose refund WeChat Pay refused may be sent again; others answer as they are. */
async function resendIfRefused(doc: StoredAfterSale, now: number): Promise<AfterSaleView> {
  if (doc.state === 'REFUNDING' && doc.refund?.status === 'FAILED')
    return afterSaleView(await sendRefund(doc, now));
  fail('AFTER_SALE_STATE_CONFLICT', `request ${doc._id} is ${doc.state}`);
}

export async function approveAfterSale(id: string, now: number): Promise<AfterSaleView> {
  const doc = await afterSaleOrFail(id);
  if (doc.state !== 'REQUESTED') return resendIfRefused(doc, now);
  if (doc.type === 'RETURN_REFUND') {
    const { returnAddress } = readAfterSalesSettings();
    return afterSaleView(
      await move(doc, 'APPROVE', now, '商家同意退货，请寄回商品', returnAddress ? { returnAddress } : {}),
    );
  }
  const refunding = await move(doc, 'APPROVE', now, '商家同意退款', { refund: pendingRefund(doc, now) });
  return afterSaleView(await sendRefund(refunding, now));
}

export async function rejectAfterSale(id: string, reason: string, now: number): Promise<AfterSaleView> {
  const doc = await afterSaleOrFail(id);
  const rejected = await move(doc, 'REJECT', now, `商家拒绝：${reason}`, { rejectReason: reason });
  await releaseLine(doc.orderId, doc.lineIndex, doc._id, doc.quantity);
  await notifyAfterSaleResult({ ...doc, rejectReason: reason }, false, now);
  return afterSaleView(rejected);
}

export async function withdrawAfterSale(openid: string, id: string, now: number): Promise<AfterSaleView> {
  const doc = await buyerAfterSaleOrFail(openid, id);
  const withdrawn = await move(doc, 'WITHDRAW', now, '买家撤销申请');
  await releaseLine(doc.orderId, doc.lineIndex, doc._id, doc.quantity);
  return afterSaleView(withdrawn);
}

export async function shipBackAfterSale(
  openid: string,
  id: string,
  expressCompany: ExpressCompanyCode,
  trackingNo: string,
  now: number,
): Promise<AfterSaleView> {
  const doc = await buyerAfterSaleOrFail(openid, id);
  const returnShipment = { expressCompany, company: EXPRESS_COMPANIES[expressCompany], trackingNo, at: now };
  return afterSaleView(
    await move(doc, 'SHIP_BACK', now, `买家已寄回：${returnShipment.company} ${trackingNo}`, {
      returnShipment,
    }),
  );
}

/** The returned goods arrived: their stock comes back (once), then the refund is sent. */
export async function receiveReturnedGoods(id: string, now: number): Promise<AfterSaleView> {
  const doc = await afterSaleOrFail(id);
  if (doc.state !== 'RETURNED') return resendIfRefused(doc, now);
  const refunding = await move(doc, 'RECEIVE_GOODS', now, '商家已收到退货，库存已退回', {
    goodsReceivedAt: now,
    refund: pendingRefund(doc, now),
  });
  // Only the one mover reaches here; the claim makes a repeated run give the stock back once all the same.
  if (await claimStockReturn(doc._id, now)) {
    // The mark stays until 已售罄 was rechecked (else the worker rechecks it).
    const mark = { op: returnedGoodsMark(doc._id), quantity: doc.quantity, at: now };
    await releaseStock(doc.skuId, doc.quantity, mark);
    const [flagged] = await Promise.all([stockGivenBack([doc.skuId]), stockReturned([doc.skuId], now)]);
    if (flagged) await dropMarks(doc.skuId, [mark.op]).catch((error: unknown) => console.error(error));
  }
  return afterSaleView(await sendRefund(refunding, now));
}

/**
 * Sends the request's partial refund: the amount of the request out of the order's paid total, under the
 * number derived from the request, so a second send (a retry, the worker) refunds once.
 */
async function sendRefund(doc: StoredAfterSale, now: number): Promise<StoredAfterSale> {
  const order = await findOrder(doc.orderId);
  if (!order) fail('ORDER_NOT_FOUND', `order ${doc.orderId} is gone`);
  const refundNo = afterSaleRefundNo(doc._id);
  try {
    const result = await paymentGateway().refund({
      outTradeNo: order.orderNo,
      outRefundNo: refundNo,
      totalFen: order.amounts.payable,
      refundFen: doc.amount,
      reason: `售后退款：${doc.reason}`.slice(0, 80),
    });
    const refund: AfterSaleRefund = {
      refundNo,
      status: result.status,
      refundId: result.refundId,
      at: now,
    };
    await updateAfterSaleInState(doc._id, 'REFUNDING', { refund, updatedAt: now });
    const sent = { ...doc, refund };
    return result.status === 'SUCCESS' ? finishRefund(sent, result.succeededAt ?? now, now) : sent;
  } catch (error) {
    console.error(`[after-sales] refund of ${doc._id} failed`, error);
    const problem = error instanceof GatewayError ? `${error.kind}: ${error.message}` : 'refund failed';
    const refund: AfterSaleRefund = { refundNo, status: 'FAILED', at: now, problem: problem.slice(0, 200) };
    await updateAfterSaleInState(doc._id, 'REFUNDING', { refund, updatedAt: now });
    return { ...doc, refund };
  }
}

/**
 * The refund succeeded: the line counts it (once, while the request is its open one), the request becomes
 * REFUNDED, and a fully refunded order gives its coupon back when the shop says so (once).
 */
async function finishRefund(doc: StoredAfterSale, refundedAt: number, now: number): Promise<StoredAfterSale> {
  await settleLine(doc.orderId, doc.lineIndex, doc._id, doc.quantity, doc.amount);
  const refund: AfterSaleRefund = {
    ...(doc.refund ?? { refundNo: afterSaleRefundNo(doc._id), at: now }),
    status: 'SUCCESS',
    refundedAt,
  };
  const entry = { state: 'REFUNDED' as const, at: now, note: '退款成功，款项已原路退回' };
  const moved = await moveAfterSale(doc._id, 'REFUNDING', { refund }, entry);
  // Settled on a past day (followed up late): that day's refund figures are recomputed by the worker.
  await recountPastDays([refundedAt], now);
  if (moved) await returnCouponIfWhollyRefunded(doc.orderId, now);
  const after = await findAfterSale(doc._id);
  // Whoever sees it refunded tells the buyer: the message's claim makes it once, even after a cut-short run.
  if (!after || after.state === 'REFUNDED') await notifyAfterSaleResult(doc, true, now);
  return after ?? { ...doc, refund, state: 'REFUNDED' };
}

async function returnCouponIfWhollyRefunded(orderId: string, now: number): Promise<void> {
  if (!readAfterSalesSettings().returnCouponOnFullRefund) return;
  const order = await findOrder(orderId);
  if (!order?.couponId || !wholeOrderRefunded(order)) return;
  if (await claimCouponReturn(order._id, now)) await giveBackSpentCoupon(order.couponId, order._id);
}

export interface AfterSaleFollowReport {
  done: number;
  pending: number;
  /** Refunds WeChat Pay closed or could not pay: the merchant sees them in the queue. */
  needMerchant: string[];
  failed: { id: string; error: string }[];
}

/**
 * The worker's job: decided refunds not yet accepted are sent (a first send cut short), accepted ones are
 * asked about until they settle. Each asked request moves to the back (its updatedAt), so none starves.
 */
export async function followAfterSaleRefunds(now: number): Promise<AfterSaleFollowReport> {
  const report: AfterSaleFollowReport = { done: 0, pending: 0, needMerchant: [], failed: [] };
  for (const doc of await findRefundsToFollow(now, 50)) {
    try {
      if (doc.refund?.status === 'PENDING') {
        const sent = await sendRefund(doc, now);
        if (sent.state === 'REFUNDED') report.done += 1;
        else report.pending += 1;
        continue;
      }
      const refundNo = doc.refund?.refundNo ?? afterSaleRefundNo(doc._id);
      const progress = await paymentGateway().queryRefund(refundNo);
      if (progress.status === 'SUCCESS') {
        await finishRefund(doc, progress.succeededAt ?? now, now);
        report.done += 1;
      } else if (progress.status === 'CLOSED' || progress.status === 'ABNORMAL') {
        const refund = { ...(doc.refund ?? { refundNo, at: now }), status: progress.status };
        await updateAfterSaleInState(doc._id, 'REFUNDING', { refund, updatedAt: now });
        report.needMerchant.push(doc._id);
      } else {
        await updateAfterSaleInState(doc._id, 'REFUNDING', { updatedAt: now });
        report.pending += 1;
      }
    } catch (error) {
      console.error(`[after-sales] follow-up of ${doc._id} failed`, error);
      report.failed.push({ id: doc._id, error: error instanceof Error ? error.message : String(error) });
    }
  }
  return report;
}
