/**
 * The workspace's 工作台: sales, refunds, buyers and the behaviour funnel for today, 7 and 30 days, read from
 * the daily aggregates the worker keeps (never from orders on request).
 */
import type { EpochMs, Fen } from './entities';

/** A calendar day of the shop in China time (UTC+8), 'YYYY-MM-DD'. */
export type ShopDay = string;

export const DASHBOARD_PERIODS = ['today', '7d', '30d'] as const;
/** today: the current China day; 7d / 30d: the last 7 / 30 China days, today included. */
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number];

export interface SalesFigures {
  /** Sum of what buyers paid for orders paid in the period. */
  paidAmount: Fen;
  paidOrders: number;
  /** Distinct buyers with an order paid in the period. */
  buyers: number;
  /** paidAmount / paidOrders, rounded to the fen; 0 without orders. */
  averageOrderValue: Fen;
  /** Refunds paid back in the period (by the day WeChat Pay paid them back). */
  refundAmount: Fen;
  refundOrders: number;
  /** Buyers whose first paid order ever falls in the period. */
  newBuyers: number;
  /** buyers − newBuyers: they had paid before the period. */
  returningBuyers: number;
}

/** product views → cart adds → orders → paid. */
export interface FunnelFigures {
  /** Product detail openings, once per buyer, product and day (a buyer reopening it all day is one view). */
  views: number;
  /** cart.add calls. */
  cartAdds: number;
  /** Orders created (paid or not). */
  orders: number;
  /** Orders paid. */
  paidOrders: number;
}

export interface DayFigures extends SalesFigures {
  day: ShopDay;
  funnel: FunnelFigures;
}

/** One product over a period: what it sold and its own funnel (orders containing it). */
export interface ProductFigures {
  productId: string;
  title: string;
  /** Cover image ('' when the product no longer exists). */
  image: string;
  paidAmount: Fen;
  paidQuantity: number;
  funnel: FunnelFigures;
}

export interface PeriodFigures {
  sales: SalesFigures;
  funnel: FunnelFigures;
  /** At most 10, by paid amount, then views. */
  topProducts: ProductFigures[];
}

export interface DashboardOverview {
  today: ShopDay;
  periods: Record<DashboardPeriod, PeriodFigures>;
  /** The last 30 days, oldest first, every day present (zeros where nothing happened): the trend chart. */
  trend: DayFigures[];
  /** Paid orders not shipped yet. */
  waitingToShip: number;
  /** Refund requests waiting for the merchant's decision. */
  refundsWaiting: number;
  /** When the worker last brought the figures up to date (it runs every minute); absent before its first run. */
  computedAt?: EpochMs;
}

export interface ProductDayFigures {
  day: ShopDay;
  paidAmount: Fen;
  paidQuantity: number;
  funnel: FunnelFigures;
}

export interface ProductTrend {
  productId: string;
  title: string;
  /** The last 30 days, oldest first, every day present. */
  days: ProductDayFigures[];
}

export interface DashboardActions {
  /** The first screen: 2 database requests whatever the number of orders or events. */
  'dashboard.overview': { request: Record<string, never>; response: DashboardOverview };
  /** One product's funnel by day over the last 30 days. */
  'dashboard.product': { request: { productId: string }; response: ProductTrend };
}
