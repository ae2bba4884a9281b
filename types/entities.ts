/**
 * Documents of the cloud database and the views built from them, shared by the pages and the functions.
 * Money is integer fen (分) everywhere; timestamps are epoch milliseconds.
 */
import type { OrderAfterSales } from './after-sales';
import type { OrderState } from './order-states';
import type { CancelReason } from './buyer-lists';
import type { ExpressCompanyCode } from './express-companies';
import type { RequestPaymentParams } from './api';

/** An integer amount of fen (1 yuan = 100 fen). A plain number so documents stay JSON. */
export type Fen = number;
/** Milliseconds since the Unix epoch. */
export type EpochMs = number;

// ---------------------------------------------------------------- catalog

/** Two levels: a top category has `parentId: null`; products always sit in a second-level category. */
export interface Category {
  _id: string;
  parentId: string | null;
  name: string;
  /** Asset path, e.g. '/assets/categories/c01.svg'. */
  icon: string;
  /** Ascending display order among siblings. */
  sort: number;
}

/** One dimension of a product's specs, e.g. { name: '颜色', values: ['红', '蓝'] }. */
export interface SpecDimension {
  name: string;
  values: string[];
  /** A picture per value, in the order of `values` (the colour dimension): the spec sheet shows the chosen one. */
  images?: string[];
}

export interface Product {
  _id: string;
  title: string;
  subtitle: string;
  /** Asset paths, e.g. '/assets/products/p001-1.svg' (cloud:// file IDs once deployed); the first is the cover. */
  images: string[];
  description: string;
  /** The second-level category the product belongs to. */
  categoryId: string;
  /**
   * [topCategoryId, categoryId]. Denormalised so one query lists a whole top category
   * (`where({ categoryPath: 'c01' })`) and coupons limited to a top category match without a join.
   */
  categoryPath: string[];
  tags: string[];
  onSale: boolean;
  /** Zero, one or two dimensions; every SKU picks exactly one value of each, in this order. */
  specs: SpecDimension[];
  createdAt: EpochMs;
  /** Sum of the SKUs' `sold`, kept for sorting by sales. */
  sales: number;
  /** Lowest price among on-sale SKUs, kept for listing and sorting by price. */
  minPrice: Fen;
  /** Highest price among on-sale SKUs, for the '¥a-b' range on listings. */
  maxPrice: Fen;
  /**
   * The review summary, kept by review.create so the detail page shows 评价(N) and 好评率 without reading
   * reviews; absent until the first review.
   */
  reviewCount?: number;
  /** Sum of every review's rating: with reviewCount, the average score. */
  ratingTotal?: number;
  /** Reviews rated 4 or 5: 好评率 cannot be derived from the total alone. */
  positiveCount?: number;
  /**
   * What search finds the product by (common/domain/search-terms), computed when it is saved; indexed, never
   * sent to the mini program.
   */
  terms?: string[];
  /**
   * No SKU on sale has stock: kept on every stock change (common/services/sold-out-service), so lists mark
   * 已售罄 from the card alone. Absent on a product never sold out.
   */
  soldOut?: boolean;
  /** Token of the latest stock change: only its recomputation may write `soldOut`. Never shown. */
  soldOutCheck?: string;
}

export interface Sku {
  _id: string;
  productId: string;
  /**
   * One value per product spec dimension, in the order of `Product.specs` (['红', 'M']).
   * An ordered array rather than a map: no Chinese field names in documents, and matching is by index.
   */
  specValues: string[];
  price: Fen;
  /** The struck-through reference price; always ≥ price. */
  originalPrice: Fen;
  stock: number;
  sold: number;
  onSale: boolean;
}

// ---------------------------------------------------------------- cart

/** One line of a buyer's cart; one document per line, keyed by the buyer's OPENID. */
export interface CartLine {
  _id: string;
  openid: string;
  productId: string;
  skuId: string;
  quantity: number;
  selected: boolean;
  addedAt: EpochMs;
}

/** Why a cart line cannot be bought right now. */
export type CartLineInvalidReason = 'OFF_SALE' | 'SKU_GONE' | 'OUT_OF_STOCK' | 'STOCK_SHORT';

/** A cart line joined with the current product and SKU, as the cart page shows it. */
export interface CartLineView {
  lineId: string;
  productId: string;
  skuId: string;
  title: string;
  image: string;
  /** e.g. '颜色:红 尺码:M'; '' for a product without specs. */
  specText: string;
  price: Fen;
  originalPrice: Fen;
  stock: number;
  quantity: number;
  selected: boolean;
  addedAt: EpochMs;
  /** Set when the line cannot be checked out; such lines never count in totals. */
  invalid?: CartLineInvalidReason;
}

export interface CartView {
  /** Newest first. */
  lines: CartLineView[];
  /** Selected lines without an `invalid` reason: what checkout would buy. */
  selectedLineCount: number;
  selectedQuantity: number;
  selectedTotal: Fen;
  /** True when every valid line is selected (and there is at least one). */
  allSelected: boolean;
  /** Number on the cart tab: the total quantity of all lines. */
  badgeCount: number;
  /** The shop's free-shipping threshold: the page words 再买 ¥X 包邮 from it with the domain's rule. */
  shipping: FreeShippingRule;
}

/** The part of the shop's shipping rule a buyer sees: the usual fee and the items subtotal that waives it. */
export interface FreeShippingRule {
  baseFee: Fen;
  /** Items subtotal (before coupons) from which the base fee is waived. */
  freeFrom: Fen;
}

// ---------------------------------------------------------------- addresses

/**
 * What the address form edits; the functions validate it (common/validation/address). A province, city and
 * district that are not one of China's divisions (or do not belong together), like any malformed field, are
 * answered INVALID_INPUT and nothing is stored.
 */
export interface AddressInput {
  name: string;
  mobile: string;
  province: string;
  city: string;
  district: string;
  detail: string;
  isDefault: boolean;
}

export interface Address extends AddressInput {
  _id: string;
  openid: string;
  createdAt: EpochMs;
  updatedAt: EpochMs;
}

/** The address copied into an order, so later edits of the address book do not change it. */
export type AddressSnapshot = Omit<AddressInput, 'isDefault'>;

// ---------------------------------------------------------------- coupons

/**
 * What a coupon takes off. PERCENT_OFF is the percentage removed: 10 means 9折.
 * `threshold` is the eligible subtotal needed (0 = no threshold); `cap` limits a percent discount.
 */
export type CouponRule =
  | { kind: 'AMOUNT_OFF'; threshold: Fen; amount: Fen }
  | { kind: 'PERCENT_OFF'; threshold: Fen; percentOff: number; cap?: Fen };

/** When a claimed coupon can be used: a fixed window, or N days from the moment it is claimed. */
export type CouponValidity =
  { kind: 'FIXED'; from: EpochMs; to: EpochMs } | { kind: 'DAYS_AFTER_CLAIM'; days: number };

export interface CouponTemplate {
  _id: string;
  /** e.g. '满99减10'. */
  title: string;
  /** e.g. '全场通用' or '限美妆类商品'. */
  description: string;
  rule: CouponRule;
  /** Top or second-level category ids the coupon is limited to; absent or empty = every product. */
  categoryIds?: string[];
  /** Coupons that may ever be issued, and how many have been. */
  totalLimit: number;
  issued: number;
  perUserLimit: number;
  validity: CouponValidity;
  /** Only buyers who have never paid an order may claim it (新人券). */
  newcomerOnly: boolean;
  /** Whether buyers may claim it now; switched off to withdraw a template without deleting it. */
  active: boolean;
  createdAt: EpochMs;
}

/** UNUSED → LOCKED (held by an unpaid order) → USED; LOCKED → UNUSED when that order is cancelled or closed. */
export type UserCouponState = 'UNUSED' | 'LOCKED' | 'USED' | 'EXPIRED';

/**
 * A coupon a buyer has claimed. It copies the template's rule, so editing a template never changes coupons
 * already in buyers' hands, and checkout needs no second read.
 */
export interface UserCoupon {
  _id: string;
  templateId: string;
  openid: string;
  title: string;
  rule: CouponRule;
  categoryIds?: string[];
  state: UserCouponState;
  /** Usable while validFrom ≤ now < validTo. */
  validFrom: EpochMs;
  validTo: EpochMs;
  claimedAt: EpochMs;
  /** The order holding (LOCKED) or having used (USED) the coupon. */
  orderId?: string;
  usedAt?: EpochMs;
}

// ---------------------------------------------------------------- orders

/** What was bought, copied at order time so later catalog edits do not rewrite history. */
export interface OrderItem {
  productId: string;
  skuId: string;
  title: string;
  specText: string;
  image: string;
  price: Fen;
  quantity: number;
}

export interface OrderAmounts {
  itemsTotal: Fen;
  shippingFee: Fen;
  discount: Fen;
  /** itemsTotal + shippingFee − discount; at least 1 fen, since WeChat Pay refuses 0. */
  payable: Fen;
}

export interface OrderTimelineEntry {
  state: OrderState;
  at: EpochMs;
  note?: string;
}

export type PaymentChannel = 'WECHAT_PAY_V3' | 'CLOUD_PAY' | 'SANDBOX';

/** Filled in by the payment flows; `transactionId` arrives with the verified payment notice. */
export interface OrderPayment {
  channel: PaymentChannel;
  prepayId?: string;
  /**
   * The signed wx.requestPayment parameters of the current prepay and until when they may be handed out
   * again: a buyer who taps 去支付 twice reuses them instead of creating a second prepay.
   */
  requestParams?: RequestPaymentParams;
  prepayValidUntil?: EpochMs;
  transactionId?: string;
  /** The amount the notice reports, checked against `amounts.payable`. */
  paidAmount?: Fen;
  paidAt?: EpochMs;
}

/**
 * A payment that arrived after the order was closed or cancelled: it is refunded automatically, and the
 * order says so.
 */
export interface LatePayment {
  transactionId: string;
  amount: Fen;
  outRefundNo: string;
  refundStatus: 'PROCESSING' | 'SUCCESS' | 'CLOSED' | 'ABNORMAL' | 'FAILED';
  at: EpochMs;
}

/** A refund request: where the order came from decides where a rejected refund goes back to. */
export interface OrderRefund {
  fromState: 'PAID' | 'SHIPPED';
  reason: string;
  amount: Fen;
  requestedAt: EpochMs;
  refundNo?: string;
  refundId?: string;
  refundedAt?: EpochMs;
  rejectedAt?: EpochMs;
  rejectReason?: string;
  /**
   * WeChat Pay ended the refund without paying it back (CLOSED) or could not pay it into the buyer's account
   * (ABNORMAL): the order stays 退款中 and the merchant must act (WeChat Pay's merchant platform). FAILED:
   * WeChat Pay refused the refund request itself (`reason` says why); approving again sends it again.
   */
  problem?: RefundProblem;
  /**
   * Only for a refund of a shipped order: its stock comes back when the merchant confirms the goods came back
   * (RETURNED), never when they say the goods will not come back (NOT_RETURNED). Absent before shipping: the
   * stock comes back with the refund itself.
   */
  goods?: RefundGoods;
}

export interface RefundProblem {
  status: 'CLOSED' | 'ABNORMAL' | 'FAILED';
  at: EpochMs;
  reason?: string;
}

export interface RefundGoods {
  state: 'AWAITED' | 'RETURNED' | 'NOT_RETURNED';
  at: EpochMs;
  /** The merchant's words when the goods will not come back. */
  note?: string;
}

export interface LogisticsTrace {
  at: EpochMs;
  text: string;
}

/**
 * The shipping information of an order paid with WeChat Pay, uploaded to WeChat (发货信息管理): until WeChat
 * accepts it the merchant's funds for the payment stay frozen, so the worker retries until it does.
 */
export interface WechatShippingUpload {
  state: 'PENDING' | 'ACCEPTED';
  attempts: number;
  /** When the worker tries again (PENDING only). */
  nextAttemptAt?: EpochMs;
  acceptedAt?: EpochMs;
  /** WeChat's answer to the last refused attempt, e.g. "10060001 payment order not found". */
  lastError?: string;
}

export interface OrderLogistics {
  /** The company's name, as buyers read it. */
  company: string;
  /** WeChat's code of the company (EXPRESS_COMPANIES); absent on orders shipped before codes were kept. */
  expressCompany?: ExpressCompanyCode;
  trackingNo: string;
  traces: LogisticsTrace[];
  wechatShipping?: WechatShippingUpload;
}

export interface Order {
  _id: string;
  /** Time-ordered, ≤ 32 chars of [0-9A-Za-z_-]: also the WeChat Pay out_trade_no. */
  orderNo: string;
  openid: string;
  state: OrderState;
  items: OrderItem[];
  amounts: OrderAmounts;
  address: AddressSnapshot;
  couponId?: string;
  /** The client's idempotency key: creating twice with one request id yields one order. */
  requestId: string;
  remark?: string;
  createdAt: EpochMs;
  updatedAt: EpochMs;
  /** An unpaid order closes at this moment. */
  expiresAt: EpochMs;
  paidAt?: EpochMs;
  shippedAt?: EpochMs;
  receivedAt?: EpochMs;
  completedAt?: EpochMs;
  cancelledAt?: EpochMs;
  /** Why the buyer cancelled (asked from a fixed list). */
  cancelReason?: CancelReason;
  closedAt?: EpochMs;
  /** Every item reviewed: the order leaves 待评价. */
  reviewedAt?: EpochMs;
  /** Answers only, never stored: a shipped order is received automatically at this moment. */
  autoReceiveAt?: EpochMs;
  /** Answers of order.detail only, never stored: time left to pay as the server counted when answering. */
  payRemainingMs?: number;
  timeline: OrderTimelineEntry[];
  payment?: OrderPayment;
  latePayment?: LatePayment;
  refund?: OrderRefund;
  logistics?: OrderLogistics;
  /** After-sales after receipt: one small marker per line (the requests are their own documents). */
  afterSales?: OrderAfterSales;
}

// ---------------------------------------------------------------- reviews

/** A buyer's review of one bought SKU; `_id` is derived from (orderId, skuId), so each item is reviewed once. */
export interface Review {
  _id: string;
  orderId: string;
  openid: string;
  productId: string;
  skuId: string;
  /** Copied from the order item, e.g. '颜色:红 尺码:M'. */
  specText: string;
  /** Whole stars, 1..5. */
  rating: number;
  content: string;
  createdAt: EpochMs;
  /** Shown instead of the buyer: '买家***a3f', derived from a hash of the OPENID, never the OPENID itself. */
  buyerName: string;
}

// ---------------------------------------------------------------- settings

/**
 * The shop's search settings, one document (`_id: 'search'`) of the settings collection, edited by the
 * merchant: synonym groups widen a keyword at query time (no product needs reindexing when they change).
 */
export interface SearchSettings {
  _id: 'search';
  /** Groups of words meaning the same thing, e.g. ['纸尿裤', '尿不湿']. */
  synonyms: string[][];
  /** 热门搜索, in display order. */
  hotKeywords: string[];
}
