/**
 * The dashboard: the worker recomputes today's and yesterday's figures every run (then past days an order
 * change marked for recount, and missing days of the last 30, a few per run within a time budget), then the
 * overview document the first screen reads in one request.
 * Recomputing from the day's orders and counters is what makes each run idempotent: running twice writes the
 * same figures, and an order paid late in the evening is counted whenever the worker next looks.
 */
import { performance } from 'node:perf_hooks';
import type { EpochMs } from '../../../types/entities';
import type {
  DashboardOverview,
  DashboardPeriod,
  DayFigures,
  PeriodFigures,
  ProductTrend,
  ShopDay,
} from '../../../types/merchant-dashboard';
import {
  dayFigures,
  emptyDay,
  NO_FUNNEL,
  periodFunnel,
  periodSales,
  productOrderCounts,
  TOP_PRODUCTS,
  topProducts,
} from '../domain/dashboard-figures';
import { DAY_MS, dayStart, daysEndingWith, shopDayOf } from '../domain/shop-day';
import {
  findProductDays,
  findProductTrend,
  setProductDayOrders,
  topProductsBetween,
  viewsOfDay,
} from '../repositories/behaviour-repository';
import {
  afterSaleRefundsBetween,
  countRefundsWaiting,
  countWaitingToShip,
  dayDocId,
  distinctBuyersBetween,
  openidsPaidBefore,
  ordersCreatedBetween,
  ordersPaidBetween,
  OVERVIEW_ID,
  clearRecountMark,
  isRecountMark,
  readDashboardDocs,
  readOverview,
  recountDocId,
  refundsBetween,
  writeDashboardDoc,
  type StoredDay,
} from '../repositories/dashboard-repository';
import { findProductLabels } from '../repositories/merchant-catalog-repository';
import { fail } from '../runtime/domain-error';

export const TREND_DAYS = 30;
/**
 * Days computed per run besides today and yesterday: past days an order change marked for recount first, then
 * missing days of the last 30 (a new shop, a long outage). Each costs what that day holds, never the history.
 */
export const EXTRA_DAYS_PER_RUN = 5;
/**
 * The job's time budget: past it, no further day but today is started and the rest waits for the next run (a
 * minute later), so a worker run stays inside its 60 s timeout however much is owed.
 */
export const REFRESH_BUDGET_MS = 15_000;

/** One day's figures from its orders and counters; the product documents are brought up to date on the way. */
async function computeDay(day: ShopDay): Promise<DayFigures> {
  const start = dayStart(day);
  const end = start + DAY_MS;
  const [paid, created, orderRefunds, afterSaleRefunds, productDays, views] = await Promise.all([
    ordersPaidBetween(start, end),
    ordersCreatedBetween(start, end),
    refundsBetween(start, end),
    afterSaleRefundsBetween(start, end),
    findProductDays(day),
    viewsOfDay(day),
  ]);
  // Whole-order refunds and the partial ones of after-sales requests: each settled refund counts once.
  const refunds = [...orderRefunds, ...afterSaleRefunds];
  const returning = await openidsPaidBefore([...new Set(paid.map((o) => o.openid))], start);
  const counts = productOrderCounts(created, paid);
  const stored = new Map(productDays.map((doc) => [doc.productId, doc]));
  // Only what changed is written: a quiet minute costs reads, not writes.
  const writes: Promise<void>[] = [];
  for (const productId of new Set([...counts.keys(), ...stored.keys(), ...views.keys()])) {
    const next = {
      views: views.get(productId) ?? 0,
      ...(counts.get(productId) ?? { orders: 0, paidOrders: 0, paidQuantity: 0, paidAmount: 0 }),
    };
    const doc = stored.get(productId);
    const same =
      doc &&
      doc.views === next.views &&
      doc.orders === next.orders &&
      doc.paidOrders === next.paidOrders &&
      doc.paidQuantity === next.paidQuantity &&
      doc.paidAmount === next.paidAmount;
    if (!same) writes.push(setProductDayOrders(day, productId, next));
  }
  await Promise.all(writes);
  const figures = dayFigures({
    day,
    paid,
    refunds,
    createdOrders: created.length,
    returningOpenids: returning,
    views: [...views.values()].reduce((sum, n) => sum + n, 0),
    cartAdds: productDays.reduce((sum, doc) => sum + doc.cartAdds, 0),
  });
  await writeDashboardDoc(dayDocId(day), figures);
  return figures;
}

const PERIOD_DAYS: Record<DashboardPeriod, number> = { today: 1, '7d': 7, '30d': 30 };

export interface DashboardRefreshReport {
  /** Days whose figures this run computed, today first. */
  days: ShopDay[];
  /** Days still owed (marked or missing), left to the next runs by the per-run cap or the time budget. */
  owed: number;
}

/**
 * The worker's job: today and yesterday on every run, then days marked for recount and missing days within
 * the per-run cap and time budget, then the overview the first screen reads.
 */
export async function refreshDashboard(
  now: EpochMs,
  budget: { extraDays: number; ms: number } = { extraDays: EXTRA_DAYS_PER_RUN, ms: REFRESH_BUDGET_MS },
): Promise<DashboardRefreshReport> {
  const started = performance.now();
  const today = shopDayOf(now);
  const trendDays = daysEndingWith(today, TREND_DAYS);
  const stored = await readDashboardDocs([...trendDays.map(dayDocId), ...trendDays.map(recountDocId)]);
  const marks = new Map(stored.filter(isRecountMark).map((mark) => [mark.day, mark]));
  const known = new Map(
    stored.filter((doc): doc is StoredDay => !isRecountMark(doc)).map((doc) => [doc.day, doc]),
  );
  const past = trendDays.slice(0, -2).reverse();
  const owed = [
    ...past.filter((day) => marks.has(day)),
    ...past.filter((day) => !known.has(day) && !marks.has(day)),
  ];
  // Yesterday is owed too until a run gets to it (the budget may stop a run before it).
  const yesterday = trendDays[TREND_DAYS - 2];
  const extra = owed.slice(0, budget.extraDays);
  const computed = new Map<ShopDay, DayFigures>();
  for (const day of [...trendDays.slice(-2).reverse(), ...extra]) {
    // Today always; yesterday and owed days only within the budget (a slow database shortens a run).
    if (day !== today && performance.now() - started > budget.ms) break;
    computed.set(day, await computeDay(day));
    const mark = marks.get(day);
    // Marked again meanwhile: the mark stays and the next run computes the day once more.
    if (mark) await clearRecountMark(mark);
  }
  // Marks of today and yesterday are cleared with them; older than the trend they show nowhere.
  const trend = trendDays.map((day) => {
    const figures = computed.get(day) ?? known.get(day);
    if (!figures) return emptyDay(day);
    const { _id: _ignored, ...plain } = figures as StoredDay;
    return plain;
  });

  const periods = {} as Record<DashboardPeriod, PeriodFigures>;
  const tops = new Map<DashboardPeriod, Awaited<ReturnType<typeof topProductsBetween>>>();
  await Promise.all(
    (Object.keys(PERIOD_DAYS) as DashboardPeriod[]).map(async (period) => {
      const days = trend.slice(-PERIOD_DAYS[period]);
      const from = days[0].day;
      const buyers =
        period === 'today'
          ? days[0].buyers
          : await distinctBuyersBetween(dayStart(from), dayStart(today) + DAY_MS);
      tops.set(period, await topProductsBetween(from, today, TOP_PRODUCTS));
      periods[period] = { sales: periodSales(days, buyers), funnel: periodFunnel(days), topProducts: [] };
    }),
  );
  const ids = [...new Set([...tops.values()].flat().map((row) => row.productId))];
  const labels = new Map((await findProductLabels(ids)).map((p) => [p._id, p]));
  const label = (productId: string) => {
    const product = labels.get(productId);
    return { title: product?.title ?? '已删除的商品', image: product?.images[0] ?? '' };
  };
  for (const [period, rows] of tops) periods[period].topProducts = topProducts(rows, label);
  const [waitingToShip, refundsWaiting] = await Promise.all([countWaitingToShip(), countRefundsWaiting()]);
  const overview: DashboardOverview = {
    today,
    periods,
    trend,
    waitingToShip,
    refundsWaiting,
    computedAt: now,
  };
  await writeDashboardDoc(OVERVIEW_ID, overview);
  const owedLeft = [yesterday, ...owed].filter((day) => !computed.has(day)).length;
  return { days: [...computed.keys()], owed: owedLeft };
}

function emptyOverview(now: EpochMs): DashboardOverview {
  const today = shopDayOf(now);
  const trend = daysEndingWith(today, TREND_DAYS).map(emptyDay);
  const period: PeriodFigures = { sales: periodSales([], 0), funnel: { ...NO_FUNNEL }, topProducts: [] };
  return {
    today,
    periods: { today: period, '7d': period, '30d': period },
    trend,
    waitingToShip: 0,
    refundsWaiting: 0,
  };
}

/** The first screen: one database request, whatever the number of orders or events. */
export async function dashboardOverview(now: EpochMs): Promise<DashboardOverview> {
  return (await readOverview()) ?? emptyOverview(now);
}

/** One product's last 30 days: two requests (its day documents, its title). */
export async function productTrend(productId: string, now: EpochMs): Promise<ProductTrend> {
  const days = daysEndingWith(shopDayOf(now), TREND_DAYS);
  const [docs, labels] = await Promise.all([
    findProductTrend(productId, days),
    findProductLabels([productId]),
  ]);
  if (!labels[0]) fail('PRODUCT_NOT_FOUND', `product ${productId} does not exist`);
  const byDay = new Map(docs.map((doc) => [doc.day, doc]));
  return {
    productId,
    title: labels[0].title,
    days: days.map((day) => {
      const doc = byDay.get(day);
      return {
        day,
        paidAmount: doc?.paidAmount ?? 0,
        paidQuantity: doc?.paidQuantity ?? 0,
        funnel: {
          views: doc?.views ?? 0,
          cartAdds: doc?.cartAdds ?? 0,
          orders: doc?.orders ?? 0,
          paidOrders: doc?.paidOrders ?? 0,
        },
      };
    }),
  };
}
