/**
 * The contract between the mini program and the cloud functions: for each function, its actions with their
 * request (the event minus `action`) and response (`data` of an ok Result).
 * Both src/services and cloudfunctions/ are typed by it, so a change on one side breaks the other's build.
 */
import type { MerchantAfterSaleActions, ShopAfterSaleActions } from './after-sales';
import type { MessageActions } from './messages';
import type { ProfileActions } from './profile';
import type { CouponOfferActions } from './coupon-offers';
import type { BuyerListActions, CancelReason } from './buyer-lists';
import type {
  Address,
  AddressInput,
  CartView,
  Category,
  CouponTemplate,
  EpochMs,
  Fen,
  FreeShippingRule,
  Order,
  OrderAmounts,
  OrderItem,
  OrderRefund,
  Product,
  Review,
  Sku,
  UserCoupon,
} from './entities';
import type { ErrorCode } from './errors';
import type { ExpressCompanyCode } from './express-companies';
import type { MerchantOrder, StaffActions } from './merchant';
import type { CatalogActions, HomeBanner, HomeNotice } from './merchant-catalog';
import type { CouponActions } from './merchant-coupons';
import type { DashboardActions } from './merchant-dashboard';
import type { MerchantOrderActions } from './merchant-orders';
import type { RefundActions } from './merchant-refunds';
import type { PaymentAnomalyActions } from './merchant-payments';
import type { OrderState, OrderTabKey } from './order-states';

export interface PingResponse {
  openid: string;
  appid: string;
  env: string;
  serverTime: number;
}

// ---------------------------------------------------------------- catalog

export type ProductSort = 'default' | 'sales' | 'priceAsc' | 'priceDesc' | 'newest';

/** A product as lists show it: enough for a card, nothing more (lists are read often). */
export interface ProductCard {
  _id: string;
  title: string;
  subtitle: string;
  image: string;
  minPrice: Fen;
  maxPrice: Fen;
  sales: number;
  tags: string[];
  /** On sale but no SKU has stock left: lists mark it 已售罄. Set by listings; absent means buyable. */
  soldOut?: boolean;
}

export interface ProductPage {
  items: ProductCard[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export interface ProductListRequest {
  /** A top or second-level category; absent = every category. */
  categoryId?: string;
  /** Words matched against each product's search terms (title, tags, categories, specs); every word must match. */
  keyword?: string;
  sort?: ProductSort;
  /** Price filter on the lowest price, fen, inclusive. */
  minPrice?: number;
  maxPrice?: number;
  /** Only products with stock left. */
  inStock?: boolean;
  /** 1-based. */
  page?: number;
}

export interface SearchHintsRequest {
  /** What the buyer has typed so far; absent before typing. */
  prefix?: string;
}

export interface SearchHintsResponse {
  /** 热门搜索 from the shop's settings. */
  hotKeywords: string[];
  /** Titles of products the typed text finds, at most 8. */
  suggestions: string[];
}

export interface HomeResponse {
  /** Top-level categories for the entries of 首页. */
  categories: Category[];
  /** The merchant's banners and notices (home.save), in display order; empty when there are none. */
  banners: HomeBanner[];
  notices: HomeNotice[];
  feed: ProductPage;
}

export interface ProductDetail {
  product: Product;
  /** Every SKU of the product with live stock; off-sale SKUs are included so the picker can disable them. */
  skus: Sku[];
}

/** 猜你喜欢 / 看了又看: with a product, what buyers bought and viewed with it; without, for this buyer. */
export interface RecommendRequest {
  /** The product being viewed: the call also records the view. */
  productId?: string;
}

export interface RecommendResponse {
  /** At most 10, on sale when computed, never the product asked about. */
  items: ProductCard[];
}

// ---------------------------------------------------------------- cart

export interface CartCountResponse {
  badgeCount: number;
}

export interface CartAddResponse {
  cart: CartView;
  /** Set when the quantity added was lowered to what may be bought (stock or the per-line limit). */
  clamped?: 'STOCK' | 'LIMIT';
}

// ---------------------------------------------------------------- addresses

export interface AddressBook {
  addresses: Address[];
}

// ---------------------------------------------------------------- coupons

/** A coupon template as 领券 shows it, with whether this buyer can still claim it. */
export interface ClaimableCoupon {
  template: CouponTemplate;
  claimable: boolean;
  /** Why not: COUPON_LIMIT (claimed enough), COUPON_SOLD_OUT, COUPON_NOT_CLAIMABLE. */
  reason?: ErrorCode;
}

export interface CouponWallet {
  coupons: UserCoupon[];
}

// ---------------------------------------------------------------- checkout and orders

export interface CheckoutItemRequest {
  productId: string;
  skuId: string;
  quantity: number;
}

export interface CheckoutQuoteRequest {
  items: CheckoutItemRequest[];
  /** Absent: the buyer's default address. */
  addressId?: string;
  /** Absent: the best usable coupon is suggested. null: the buyer chose none. */
  couponId?: string | null;
}

export interface QuotedLine extends OrderItem {
  lineTotal: Fen;
  problem?: ErrorCode;
  available?: number;
}

export interface QuoteProblemView {
  code: ErrorCode;
  productId?: string;
  skuId?: string;
  couponId?: string;
}

/** A coupon of the buyer's wallet judged against this checkout. */
export interface CouponChoice {
  coupon: UserCoupon;
  usable: boolean;
  /** What it would take off (usable coupons only). */
  discount: Fen;
  /** Why it cannot be used here. */
  reason?: string;
}

export interface CheckoutQuoteView {
  lines: QuotedLine[];
  itemsTotal: Fen;
  shippingFee: Fen;
  discount: Fen;
  payable: Fen;
  /** The free-shipping threshold the fee was computed with (再买 ¥X 包邮 under 运费). */
  shipping: FreeShippingRule;
  address?: Address;
  couponId?: string;
  coupons: CouponChoice[];
  /** Empty = 提交订单 may be tapped. */
  problems: QuoteProblemView[];
}

export interface CreateOrderRequest {
  items: CheckoutItemRequest[];
  addressId: string;
  couponId?: string | null;
  /** Generated once per checkout page visit: retries with it return the same order. */
  requestId: string;
  /** The payable the buyer confirmed; a different server price answers PRICE_CHANGED. */
  expectedPayable: Fen;
  remark?: string;
  /** The lines came from the cart: remove them from it once the order exists. */
  fromCart?: boolean;
}

export interface OrderSummary {
  _id: string;
  orderNo: string;
  state: OrderState;
  items: OrderItem[];
  amounts: OrderAmounts;
  createdAt: EpochMs;
  expiresAt: EpochMs;
  /** A shipped order is received automatically at this moment (the server's deadline). */
  autoReceiveAt?: EpochMs;
  /**
   * An unpaid order: how long is left to pay as the server counted when answering, so the countdown does not
   * depend on the phone's clock.
   */
  payRemainingMs?: number;
  /** The refund asked for, so 售后 can show its reason and amount without reading each order. */
  refund?: OrderRefund;
}

export interface OrderListRequest {
  tab?: OrderTabKey;
  page?: number;
}

export interface OrderListPage {
  items: OrderSummary[];
  page: number;
  hasMore: boolean;
}

// ---------------------------------------------------------------- payment

/** What `wx.requestPayment` takes, signed by the server (RSA for API v3, MD5 from cloudPay). */
export interface RequestPaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: 'RSA' | 'MD5' | 'HMAC-SHA256';
  paySign: string;
}

export type PaymentMode = 'wechatpay-v3' | 'cloudpay' | 'sandbox';

export interface PaymentRequest {
  orderId: string;
  /** WeChat Pay's out_trade_no. */
  orderNo: string;
  amount: Fen;
  /** sandbox: the H5 build shows the local payment sheet instead of WeChat's. */
  mode: PaymentMode;
  params: RequestPaymentParams;
}

// ---------------------------------------------------------------- reviews

/** A review as anyone may read it: the buyer only by the masked name. */
export type ReviewView = Omit<Review, 'openid' | 'orderId'>;

export interface CreateReviewRequest {
  orderId: string;
  skuId: string;
  /** Whole stars, 1..5. */
  rating: number;
  /** 5..500 characters once trimmed. */
  content: string;
}

export interface ReviewPage {
  /** Newest first. */
  items: ReviewView[];
  page: number;
  hasMore: boolean;
}

/** Actions of the `shop` function: what a buyer's mini program calls. */
export interface ShopActions
  extends MessageActions, CouponOfferActions, ShopAfterSaleActions, ProfileActions, BuyerListActions {
  ping: { request: Record<string, never>; response: PingResponse };
  'catalog.home': { request: Record<string, never>; response: HomeResponse };
  'catalog.categories': { request: Record<string, never>; response: { categories: Category[] } };
  'catalog.products': { request: ProductListRequest; response: ProductPage };
  'catalog.searchHints': { request: SearchHintsRequest; response: SearchHintsResponse };
  'catalog.product': { request: { productId: string }; response: ProductDetail };
  'catalog.recommend': { request: RecommendRequest; response: RecommendResponse };
  'cart.list': { request: Record<string, never>; response: CartView };
  'cart.count': { request: Record<string, never>; response: CartCountResponse };
  'cart.add': { request: { productId: string; skuId: string; quantity: number }; response: CartAddResponse };
  'cart.setQuantity': { request: { lineId: string; quantity: number }; response: CartView };
  'cart.select': { request: { lineIds: string[]; selected: boolean }; response: CartView };
  'cart.selectAll': { request: { selected: boolean }; response: CartView };
  'cart.remove': { request: { lineIds: string[] }; response: CartView };
  'address.list': { request: Record<string, never>; response: AddressBook };
  'address.add': { request: AddressInput; response: Address };
  'address.update': { request: AddressInput & { addressId: string }; response: Address };
  'address.remove': { request: { addressId: string }; response: AddressBook };
  'address.setDefault': { request: { addressId: string }; response: AddressBook };
  'coupon.claimable': { request: Record<string, never>; response: { coupons: ClaimableCoupon[] } };
  'coupon.claim': { request: { templateId: string }; response: UserCoupon };
  'coupon.mine': { request: Record<string, never>; response: CouponWallet };
  'checkout.quote': { request: CheckoutQuoteRequest; response: CheckoutQuoteView };
  'order.create': { request: CreateOrderRequest; response: Order };
  'order.list': { request: OrderListRequest; response: OrderListPage };
  'order.detail': { request: { orderId: string }; response: Order };
  'order.cancel': { request: { orderId: string; reason?: CancelReason }; response: Order };
  'order.pay': { request: { orderId: string }; response: PaymentRequest };
  /** After wx.requestPayment succeeds: asks the gateway when the notification has not arrived yet. */
  'order.syncPayment': { request: { orderId: string }; response: Order };
  /**
   * When an unpaid order's countdown reaches zero: asks WeChat Pay and closes it (CLOSED, stock back), or answers
   * it PAID, or still TO_PAY with no time left while the close waits for the worker; ORDER_NOT_EXPIRED before.
   */
  'order.closeExpired': { request: { orderId: string }; response: Order };
  'order.receive': { request: { orderId: string }; response: Order };
  'order.requestRefund': { request: { orderId: string; reason: string }; response: Order };
  'review.create': { request: CreateReviewRequest; response: ReviewView };
  /** The SKUs of one of the buyer's orders already reviewed: the review page shows them as 已评价. */
  'review.mine': { request: { orderId: string }; response: { skuIds: string[] } };
  'catalog.reviews': { request: { productId: string; page?: number }; response: ReviewPage };
}

// ---------------------------------------------------------------- merchant

/** A payment notice that kept failing to apply: the merchant looks at it and retries it. */
export interface DeadLetter {
  transactionId: string;
  outTradeNo: string;
  amount: Fen;
  attempts: number;
  lastError?: string;
  receivedAt: EpochMs;
}

/**
 * The workspace's other actions are declared beside their types (DashboardActions in merchant-dashboard.ts,
 * CatalogActions in merchant-catalog.ts, CouponActions in merchant-coupons.ts, MerchantOrderActions in
 * merchant-orders.ts) and join AdminActions below as each is served.
 *
 * Actions of the `admin` function: the shop's staff only, each action open to the roles
 * cloudfunctions/common/domain/staff-permissions.ts names (checked on the server).
 */
export interface AdminActions
  extends
    StaffActions,
    CatalogActions,
    CouponActions,
    DashboardActions,
    MerchantOrderActions,
    RefundActions,
    MerchantAfterSaleActions,
    PaymentAnomalyActions {
  'orders.list': {
    request: { state?: OrderState; page?: number };
    response: { items: MerchantOrder[]; hasMore: boolean };
  };
  /**
   * Orders whose number, receiver's mobile or receiver's name is exactly `query` (at most 20, newest first).
   */
  'orders.search': { request: { query: string }; response: { items: MerchantOrder[] } };
  /** One order with its timeline, payment, refund and logistics. */
  'orders.detail': { request: { orderId: string }; response: MerchantOrder };
  /** The merchant's own note on an order (never shown to the buyer); empty text clears it. */
  'orders.remark': { request: { orderId: string; remark: string }; response: MerchantOrder };
  /** `expressCompany` is WeChat's code of the company (EXPRESS_COMPANIES), sent with the shipping information. */
  'orders.ship': {
    request: { orderId: string; expressCompany: ExpressCompanyCode; trackingNo: string };
    response: Order;
  };
  /** The merchant refunds an order itself (it cannot ship, say); the refund then runs as an approved request. */
  'orders.refund': { request: { orderId: string; reason: string }; response: Order };
  'refunds.approve': { request: { orderId: string }; response: Order };
  'refunds.reject': { request: { orderId: string; reason: string }; response: Order };
  'payments.deadLetters': { request: Record<string, never>; response: { items: DeadLetter[] } };
  'payments.retry': { request: { transactionId: string }; response: { state: string } };
}

export interface CloudApi {
  shop: ShopActions;
  admin: AdminActions;
}

export type FunctionName = keyof CloudApi;
export type ActionName<F extends FunctionName> = keyof CloudApi[F] & string;
export type ActionRequest<F extends FunctionName, A extends ActionName<F>> = CloudApi[F][A] extends {
  request: infer R;
}
  ? R
  : never;
export type ActionResponse<F extends FunctionName, A extends ActionName<F>> = CloudApi[F][A] extends {
  response: infer R;
}
  ? R
  : never;

/** The event a function receives: the action name and its request fields. */
export type ActionEvent<F extends FunctionName, A extends ActionName<F>> = { action: A } & ActionRequest<
  F,
  A
>;
