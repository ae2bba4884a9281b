/**
 * The shipping information WeChat needs for a mini program payment (发货信息管理, upload_shipping_info): which
 * payment (its WeChat Pay transaction id), who paid (the payer's OPENID), how it ships (express, one package)
 * and what is in it. Pure, so the fields and their limits are tested without the cloud.
 */
import type { ExpressCompanyCode } from '../../../types/express-companies';
import type { OrderItem } from '../../../types/entities';

/** WeChat's limit on item_desc, in characters. */
export const ITEM_DESC_MAX = 120;

/** The request of `cloud.openapi.wxaSecOrder.uploadShippingInfo`, in WeChat's own (snake_case) fields. */
export interface ShippingInfoUpload {
  order_key: { order_number_type: 2; transaction_id: string };
  /** 1: express delivery. */
  logistics_type: 1;
  /** 1: unified delivery, one package. */
  delivery_mode: 1;
  shipping_list: {
    tracking_no: string;
    express_company: ExpressCompanyCode;
    item_desc: string;
    contact?: { receiver_contact: string };
  }[];
  upload_time: string;
  payer: { openid: string };
}

export interface ShippedPayment {
  transactionId: string;
  payerOpenid: string;
  expressCompany: ExpressCompanyCode;
  trackingNo: string;
  items: readonly Pick<OrderItem, 'title' | 'quantity'>[];
  /** The receiver's mobile number; WeChat wants it, masked, for SF Express. */
  receiverMobile: string;
}

/** "帆布包 ×1，保温杯 ×2": the items, cut to WeChat's limit. */
export function itemDescription(items: readonly Pick<OrderItem, 'title' | 'quantity'>[]): string {
  const text = items.map((item) => `${item.title} ×${item.quantity}`).join('，');
  const chars = [...text];
  return chars.length <= ITEM_DESC_MAX ? text : `${chars.slice(0, ITEM_DESC_MAX - 1).join('')}…`;
}

/** 139****5678: the masked form WeChat asks for. */
export function maskMobile(mobile: string): string {
  return mobile.length >= 7 ? `${mobile.slice(0, 3)}****${mobile.slice(-4)}` : mobile;
}

/** RFC 3339 in Beijing time, as WeChat's examples give it. */
export function rfc3339China(epochMs: number): string {
  return `${new Date(epochMs + 8 * 3600_000).toISOString().slice(0, 19)}+08:00`;
}

export function shippingInfoUpload(shipped: ShippedPayment, now: number): ShippingInfoUpload {
  const entry: ShippingInfoUpload['shipping_list'][number] = {
    tracking_no: shipped.trackingNo,
    express_company: shipped.expressCompany,
    item_desc: itemDescription(shipped.items),
  };
  if (shipped.expressCompany === 'SF')
    entry.contact = { receiver_contact: maskMobile(shipped.receiverMobile) };
  return {
    order_key: { order_number_type: 2, transaction_id: shipped.transactionId },
    logistics_type: 1,
    delivery_mode: 1,
    shipping_list: [entry],
    upload_time: rfc3339China(now),
    payer: { openid: shipped.payerOpenid },
  };
}

/** The wait before the next attempt after `attempts` refused ones: 1, 2, 4 ... minutes, at most an hour. */
export function shippingRetryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1)) * 60_000;
}
