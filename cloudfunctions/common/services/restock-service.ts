/**
 * 到货提醒: a buyer subscribes to a sold-out SKU from the spec sheet; when the merchant raises that SKU's stock
 * above zero, or an order's stock comes back (cancel, close, refund, returned goods), its waiting subscriptions become due (one indexed update), and the worker sends each due one its
 * message once, a bounded batch per run, oldest first. Nothing scans the subscriptions.
 */
import type { EpochMs } from '../../../types/entities';
import type { RestockSubscribeResponse } from '../../../types/messages';
import { readMessageTemplates } from '../config/message-templates';
import { isSkuBuyable, specText } from '../domain/sku-availability';
import { productPage, restockMessageData } from '../domain/subscribe-messages';
import { findProduct, findSku, findSkusByIds } from '../repositories/catalog-repository';
import { findProductLabels } from '../repositories/merchant-catalog-repository';
import {
  backToWaiting,
  claimRestockNotice,
  findDueRestocks,
  markOneDue,
  markRestockDue,
  recordRestockOutcome,
  subscribeRestock,
} from '../repositories/restock-subscription-repository';
import { fail } from '../runtime/domain-error';
import { miniprogramState, sendMessage } from './message-service';

export async function subscribeToRestock(
  openid: string,
  skuId: string,
  now: EpochMs,
): Promise<RestockSubscribeResponse> {
  const sku = await findSku(skuId);
  if (!sku) fail('SKU_NOT_FOUND', `SKU ${skuId} does not exist`);
  const product = await findProduct(sku.productId);
  if (!product || !product.onSale || !sku.onSale) fail('PRODUCT_OFF_SALE', `SKU ${skuId} is not on sale`);
  if (sku.stock > 0) return { status: 'IN_STOCK' };
  const id = await subscribeRestock(openid, sku.productId, skuId, now);
  // Restocked while this was recorded: the merchant's marking may have run before the insert, so look again.
  const after = await findSku(skuId);
  if (after && after.stock > 0) await markOneDue(id, now);
  return { status: 'WAITING' };
}

/**
 * After the merchant changed a SKU's stock: subscribers are due when it can be bought again. A failure is
 * logged, never the merchant's: the stock is already saved.
 */
export async function restockRaised(
  sku: { _id: string; stock: number; onSale: boolean },
  now: EpochMs,
): Promise<void> {
  if (!sku.onSale || sku.stock <= 0) return;
  try {
    await markRestockDue(sku._id, now);
  } catch (error) {
    console.error(`[restock] marking subscriptions of ${sku._id} due failed`, error);
  }
}

/**
 * Stock came back without the merchant (an order cancelled, closed or refunded gave its reservation back, or
 * returned goods arrived): the SKUs' waiting subscribers are due as after a restock. Marking is conditional
 * (WAITING → DUE) and the worker checks the SKU is buyable before it sends, so a repeated release, or one that
 * left the SKU off sale, sends nothing twice or wrongly. A failure is logged: the stock is already back.
 */
export async function stockReturned(skuIds: readonly string[], now: EpochMs): Promise<void> {
  await Promise.all(
    [...new Set(skuIds)].map((skuId) =>
      markRestockDue(skuId, now).catch((error: unknown) =>
        console.error(`[restock] marking subscriptions of ${skuId} due failed`, error),
      ),
    ),
  );
}

/** Due subscriptions handled per worker run. */
export const RESTOCK_BATCH = 50;

export interface RestockNoticeReport {
  due: number;
  sent: number;
  /** Sold out again (or off sale) before their message: waiting for the next restock. */
  waiting: number;
}

/**
 * The worker's job: each due subscription is claimed (a conditional write, so parallel runs send one message)
 * and told, when its SKU can still be bought. Nothing is read when the shop has no 到货提醒 template.
 */
export async function sendRestockNotices(now: EpochMs): Promise<RestockNoticeReport> {
  const template = readMessageTemplates().find((t) => t.event === 'restock');
  if (!template) return { due: 0, sent: 0, waiting: 0 };
  const due = await findDueRestocks(RESTOCK_BATCH);
  if (due.length === 0) return { due: 0, sent: 0, waiting: 0 };
  const [skus, products] = await Promise.all([
    findSkusByIds(due.map((s) => s.skuId)),
    findProductLabels(due.map((s) => s.productId)),
  ]);
  const skuById = new Map(skus.map((sku) => [sku._id, sku]));
  const productById = new Map(products.map((product) => [product._id, product]));
  const report: RestockNoticeReport = { due: due.length, sent: 0, waiting: 0 };
  for (const subscription of due) {
    const sku = skuById.get(subscription.skuId);
    const product = productById.get(subscription.productId);
    if (!sku || !product || !product.onSale || !isSkuBuyable(sku)) {
      await backToWaiting(subscription._id);
      report.waiting += 1;
      continue;
    }
    if (!(await claimRestockNotice(subscription._id, now))) continue;
    try {
      const answer = await sendMessage({
        touser: subscription.openid,
        templateId: template.templateId,
        page: productPage(product._id),
        data: restockMessageData({
          title: product.title,
          specText: specText(product.specs, sku.specValues),
          price: sku.price,
        }),
        miniprogramState: miniprogramState(),
        lang: 'zh_CN',
      });
      const failed = answer.errCode !== undefined && answer.errCode !== 0;
      await recordRestockOutcome(
        subscription._id,
        failed ? 'FAILED' : 'SENT',
        failed ? answer.errMsg : undefined,
      );
      if (!failed) report.sent += 1;
    } catch (error) {
      // WeChat refused (43101: the buyer's acceptance is gone): recorded, never retried.
      const text = error instanceof Error ? error.message : String(error);
      await recordRestockOutcome(subscription._id, 'FAILED', text.slice(0, 200));
    }
  }
  return report;
}
