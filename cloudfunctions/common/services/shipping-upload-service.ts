/**
 * Shipping information to WeChat (发货信息管理): an order paid with WeChat Pay is uploaded when the merchant
 * ships it, and the worker tries again until WeChat accepts it, since the merchant's funds stay frozen until
 * then. Each order is its own attempt: one refused upload never stops the others.
 */
import type { WechatShippingUpload } from '../../../types/entities';
import { cloud } from '../cloud';
import { shippingInfoUpload, shippingRetryDelayMs, type ShippingInfoUpload } from '../domain/shipping-info';
import {
  findDueShippingUploads,
  recordShippingUpload,
  type StoredOrder,
} from '../repositories/order-repository';

type UploadShippingInfo = (data: ShippingInfoUpload) => Promise<{ errCode?: number; errMsg?: string }>;

/** WeChat's answers meaning it already holds this payment's shipping information. */
const ALREADY_SHIPPED = new Set([10060002, 10060003]);

/** Shipments the worker looks at per run. */
const UPLOADS_PER_RUN = 20;

function uploadShippingInfo(data: ShippingInfoUpload): Promise<{ errCode?: number; errMsg?: string }> {
  // The permission `wxaSecOrder.uploadShippingInfo` is declared in the config.json of admin and worker.
  const openapi = cloud.openapi as { wxaSecOrder: { uploadShippingInfo: UploadShippingInfo } };
  return openapi.wxaSecOrder.uploadShippingInfo(data);
}

/** The upload an order starts with when it is shipped: pending, due at once. Undefined without WeChat Pay. */
export function pendingShippingUpload(order: StoredOrder, now: number): WechatShippingUpload | undefined {
  if (!order.payment?.transactionId) return undefined;
  return { state: 'PENDING', attempts: 0, nextAttemptAt: now };
}

function errorOf(error: unknown): { code: number | undefined; text: string } {
  const { errCode, errMsg, message } = (error ?? {}) as {
    errCode?: unknown;
    errMsg?: unknown;
    message?: unknown;
  };
  const code = typeof errCode === 'number' ? errCode : undefined;
  const text = typeof errMsg === 'string' ? errMsg : typeof message === 'string' ? message : String(error);
  return { code, text: code === undefined ? text : `${code} ${text}` };
}

/**
 * Uploads one shipped order's information and records what WeChat answered. Answers the upload as recorded,
 * or undefined when there is nothing to upload (not WeChat Pay, already accepted, or another attempt won).
 */
export async function uploadShipment(
  order: StoredOrder,
  now: number,
): Promise<WechatShippingUpload | undefined> {
  const logistics = order.logistics;
  const current = logistics?.wechatShipping;
  const transactionId = order.payment?.transactionId;
  if (!logistics?.expressCompany || current?.state !== 'PENDING' || !transactionId) return undefined;
  const data = shippingInfoUpload(
    {
      transactionId,
      payerOpenid: order.openid,
      expressCompany: logistics.expressCompany,
      trackingNo: logistics.trackingNo,
      items: order.items,
      receiverMobile: order.address.mobile,
    },
    now,
  );
  const attempts = current.attempts + 1;
  let next: WechatShippingUpload;
  try {
    await uploadShippingInfo(data);
    next = { state: 'ACCEPTED', attempts, acceptedAt: now };
  } catch (error) {
    const { code, text } = errorOf(error);
    next =
      code !== undefined && ALREADY_SHIPPED.has(code)
        ? { state: 'ACCEPTED', attempts, acceptedAt: now }
        : {
            state: 'PENDING',
            attempts,
            nextAttemptAt: now + shippingRetryDelayMs(attempts),
            lastError: text,
          };
  }
  return (await recordShippingUpload(order._id, current.attempts, next)) ? next : undefined;
}

export interface ShippingUploadReport {
  accepted: number;
  /** Orders WeChat has not accepted yet, with its last answer: the merchant's to look at. */
  pending: { orderNo: string; attempts: number; lastError?: string }[];
}

/** The worker's job: every due shipment is tried on its own. */
export async function uploadPendingShipments(now: number): Promise<ShippingUploadReport> {
  const report: ShippingUploadReport = { accepted: 0, pending: [] };
  for (const order of await findDueShippingUploads(now, UPLOADS_PER_RUN)) {
    try {
      const upload = await uploadShipment(order, now);
      if (upload?.state === 'ACCEPTED') report.accepted += 1;
      else if (upload)
        report.pending.push({
          orderNo: order.orderNo,
          attempts: upload.attempts,
          lastError: upload.lastError,
        });
    } catch (error) {
      report.pending.push({
        orderNo: order.orderNo,
        attempts: order.logistics?.wechatShipping?.attempts ?? 0,
        lastError: errorOf(error).text,
      });
    }
  }
  return report;
}
