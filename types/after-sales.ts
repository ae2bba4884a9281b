/**
 * After-sales after receipt: a buyer's request about some units of one order line (return and refund, or
 * refund only), its states with their display text, and the actions of both sides. One document per request;
 * the order keeps only a marker per line (AfterSaleLineMark), so nothing grows without bound.
 */
import type { EpochMs, Fen } from './entities';
import type { ExpressCompanyCode } from './express-companies';

export const AFTER_SALE_TYPES = ['RETURN_REFUND', 'REFUND_ONLY'] as const;
export type AfterSaleType = (typeof AFTER_SALE_TYPES)[number];

export const AFTER_SALE_TYPE_TEXT: Readonly<Record<AfterSaleType, string>> = {
  RETURN_REFUND: '退货退款',
  REFUND_ONLY: '仅退款',
};

export const AFTER_SALE_STATES = [
  'REQUESTED',
  'APPROVED',
  'RETURNED',
  'REFUNDING',
  'REFUNDED',
  'REJECTED',
  'WITHDRAWN',
] as const;
export type AfterSaleState = (typeof AFTER_SALE_STATES)[number];

/** A request in one of these is still open: the buyer waits on the merchant or on the refund (我的's 售后 badge). */
export const OPEN_AFTER_SALE_STATES = [
  'REQUESTED',
  'APPROVED',
  'RETURNED',
  'REFUNDING',
] as const satisfies readonly AfterSaleState[];

export const AFTER_SALE_STATE_TEXT: Readonly<Record<AfterSaleState, { text: string; hint: string }>> = {
  REQUESTED: { text: '待商家处理', hint: '商家将尽快处理您的申请' },
  APPROVED: { text: '待买家退货', hint: '请将商品寄回以下地址，并填写退货物流单号' },
  RETURNED: { text: '待商家收货', hint: '商家确认收到退货后将为您退款' },
  REFUNDING: { text: '退款中', hint: '退款已提交微信支付，将原路退回' },
  REFUNDED: { text: '退款成功', hint: '款项已原路退回' },
  REJECTED: { text: '商家已拒绝', hint: '如有疑问请联系客服' },
  WITHDRAWN: { text: '已撤销', hint: '您已撤销本次申请' },
};

/** The reasons a buyer picks from, as JD and Taobao list them. */
export const AFTER_SALE_REASONS = [
  '不想要了',
  '商品质量问题',
  '商品与描述不符',
  '收到商品破损',
  '发错货或漏发',
  '其他',
] as const;
export type AfterSaleReason = (typeof AFTER_SALE_REASONS)[number];

/** At most this many photos per request. */
export const AFTER_SALE_MAX_PHOTOS = 5;

export interface AfterSaleReturnShipment {
  expressCompany: ExpressCompanyCode;
  /** The company's name, as people read it. */
  company: string;
  trackingNo: string;
  at: EpochMs;
}

/** PENDING: decided, not yet accepted by WeChat Pay (the worker sends it if the first try was cut short). */
export type AfterSaleRefundStatus = 'PENDING' | 'PROCESSING' | 'SUCCESS' | 'CLOSED' | 'ABNORMAL' | 'FAILED';

/** The refund at WeChat Pay: its number is derived from the request, so sending it again refunds once. */
export interface AfterSaleRefund {
  refundNo: string;
  status: AfterSaleRefundStatus;
  refundId?: string;
  at: EpochMs;
  refundedAt?: EpochMs;
  /** Why WeChat Pay refused the request (FAILED) or what it reported. */
  problem?: string;
}

/** Where the buyer sends the goods back: the shop's setting, copied when the request is approved. */
export interface ReturnAddress {
  name: string;
  mobile: string;
  address: string;
}

export interface AfterSaleTimelineEntry {
  state: AfterSaleState;
  at: EpochMs;
  note?: string;
}

/** A request as both sides read it (the document minus the buyer's OPENID). */
export interface AfterSaleView {
  _id: string;
  orderId: string;
  orderNo: string;
  /** Index of the order line (Order.items). */
  lineIndex: number;
  productId: string;
  skuId: string;
  title: string;
  specText: string;
  image: string;
  /** Units of the line asked about. */
  quantity: number;
  type: AfterSaleType;
  reason: AfterSaleReason;
  note: string;
  photos: string[];
  /** Computed by the server: the units' share of what was paid (coupon discount split in fen). */
  amount: Fen;
  state: AfterSaleState;
  createdAt: EpochMs;
  updatedAt: EpochMs;
  returnAddress?: ReturnAddress;
  returnShipment?: AfterSaleReturnShipment;
  goodsReceivedAt?: EpochMs;
  rejectReason?: string;
  refund?: AfterSaleRefund;
  timeline: AfterSaleTimelineEntry[];
}

/**
 * What the order records about after-sales of one line: the open request (at most one), the units held by
 * open and refunded requests, and what was refunded. Keyed `l<index>` in Order.afterSales.lines.
 */
export interface AfterSaleLineMark {
  /** The request now open on this line, if any. */
  open?: string | null;
  /** How many requests this line has had: the next request's number. */
  requests: number;
  /** Units held by the open request plus units refunded. */
  units: number;
  refundedUnits: number;
  refundedFen: Fen;
}

export interface OrderAfterSales {
  lines: Record<string, AfterSaleLineMark>;
  /** Sum of the lines' refunded fen: what the order shows as 已退款. */
  refundedFen: Fen;
  /** The order's coupon went back to the buyer after the whole order was refunded. */
  couponReturnedAt?: EpochMs;
}

/** What the request form shows before the buyer sends it: the server's amount for the chosen units. */
export interface AfterSaleQuote {
  /** Units of the line that may still be asked about. */
  maxQuantity: number;
  amount: Fen;
  /** The request already open on the line, if any. */
  openId?: string;
  /** The after-sales window closes then (absent while the order is RECEIVED). */
  windowEndsAt?: EpochMs;
}

export interface AfterSaleCreateRequest {
  orderId: string;
  lineIndex: number;
  quantity: number;
  type: AfterSaleType;
  reason: AfterSaleReason;
  note?: string;
  photos?: string[];
}

export interface AfterSalePage {
  items: AfterSaleView[];
  hasMore: boolean;
}

export interface ShopAfterSaleActions {
  'afterSale.quote': {
    request: { orderId: string; lineIndex: number; quantity: number };
    response: AfterSaleQuote;
  };
  'afterSale.create': { request: AfterSaleCreateRequest; response: AfterSaleView };
  'afterSale.detail': { request: { afterSaleId: string }; response: AfterSaleView };
  /** The buyer's requests, newest first. */
  'afterSale.list': { request: { page?: number }; response: AfterSalePage };
  /** The buyer sent the goods back (an approved return). */
  'afterSale.ship': {
    request: { afterSaleId: string; expressCompany: ExpressCompanyCode; trackingNo: string };
    response: AfterSaleView;
  };
  /** 撤销申请: only before the refund starts. */
  'afterSale.withdraw': { request: { afterSaleId: string }; response: AfterSaleView };
}

export interface MerchantAfterSaleActions {
  /** Requests newest first; with a state, only those in it. */
  'afterSales.list': {
    request: { state?: AfterSaleState; page?: number };
    response: AfterSalePage;
  };
  'afterSales.detail': { request: { afterSaleId: string }; response: AfterSaleView };
  /** A return: the buyer is shown the return address; refund only: the refund is sent. */
  'afterSales.approve': { request: { afterSaleId: string }; response: AfterSaleView };
  'afterSales.reject': { request: { afterSaleId: string; reason: string }; response: AfterSaleView };
  /** The returned goods arrived: their stock comes back and the refund is sent. */
  'afterSales.goodsReceived': { request: { afterSaleId: string }; response: AfterSaleView };
}
