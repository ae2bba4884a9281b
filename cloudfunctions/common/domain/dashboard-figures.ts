/**
 * Pure arithmetic of the dashboard: one day's figures from that day's orders and behaviour counters, and a
 * period's figures from its days. The worker feeds it what it read; nothing here touches the database.
 */
import type { Fen } from '../../../types/entities';
import type {
  DayFigures,
  FunnelFigures,
  ProductFigures,
  SalesFigures,
  ShopDay,
} from '../../../types/merchant-dashboard';

/** What the day's figures need of an order paid that day. */
export interface PaidOrderFact {
  openid: string;
  amount: Fen;
  items: { productId: string; quantity: number; price: Fen }[];
}

export interface RefundFact {
  amount: Fen;
}

/** One product's counters for one day: behaviour from the shop function, orders from the worker. */
export interface ProductDayCounts {
  productId: string;
  views: number;
  cartAdds: number;
  orders: number;
  paidOrders: number;
  paidQuantity: number;
  paidAmount: Fen;
}

export const NO_FUNNEL: FunnelFigures = { views: 0, cartAdds: 0, orders: 0, paidOrders: 0 };

export function averageOrderValue(amount: Fen, orders: number): Fen {
  return orders === 0 ? 0 : Math.round(amount / orders);
}

export function emptyDay(day: ShopDay): DayFigures {
  return {
    day,
    paidAmount: 0,
    paidOrders: 0,
    buyers: 0,
    averageOrderValue: 0,
    refundAmount: 0,
    refundOrders: 0,
    newBuyers: 0,
    returningBuyers: 0,
    funnel: { ...NO_FUNNEL },
  };
}

/**
 * A day's figures. `createdOrders` counts orders created that day (paid or not); `returningOpenids` are the
 * day's buyers who had paid an order before the day began.
 */
export function dayFigures(input: {
  day: ShopDay;
  paid: readonly PaidOrderFact[];
  refunds: readonly RefundFact[];
  createdOrders: number;
  returningOpenids: ReadonlySet<string>;
  views: number;
  cartAdds: number;
}): DayFigures {
  const buyers = new Set(input.paid.map((order) => order.openid));
  const paidAmount = input.paid.reduce((sum, order) => sum + order.amount, 0);
  const returning = [...buyers].filter((openid) => input.returningOpenids.has(openid)).length;
  return {
    day: input.day,
    paidAmount,
    paidOrders: input.paid.length,
    buyers: buyers.size,
    averageOrderValue: averageOrderValue(paidAmount, input.paid.length),
    refundAmount: input.refunds.reduce((sum, refund) => sum + refund.amount, 0),
    refundOrders: input.refunds.length,
    newBuyers: buyers.size - returning,
    returningBuyers: returning,
    funnel: {
      views: input.views,
      cartAdds: input.cartAdds,
      orders: input.createdOrders,
      paidOrders: input.paid.length,
    },
  };
}

/**
 * Per product: orders created containing it, and paid orders, quantity and amount (its lines' price ×
 * quantity, before order-level discounts, which belong to no one product).
 */
export function productOrderCounts(
  created: ReadonlyArray<{ items: ReadonlyArray<{ productId: string }> }>,
  paid: readonly PaidOrderFact[],
): Map<string, Omit<ProductDayCounts, 'productId' | 'views' | 'cartAdds'>> {
  const counts = new Map<string, Omit<ProductDayCounts, 'productId' | 'views' | 'cartAdds'>>();
  const of = (productId: string) => {
    let entry = counts.get(productId);
    if (!entry) {
      entry = { orders: 0, paidOrders: 0, paidQuantity: 0, paidAmount: 0 };
      counts.set(productId, entry);
    }
    return entry;
  };
  for (const order of created)
    for (const id of new Set(order.items.map((i) => i.productId))) of(id).orders += 1;
  for (const order of paid) {
    for (const id of new Set(order.items.map((i) => i.productId))) of(id).paidOrders += 1;
    for (const item of order.items) {
      of(item.productId).paidQuantity += item.quantity;
      of(item.productId).paidAmount += item.price * item.quantity;
    }
  }
  return counts;
}

/**
 * A period's sales from its days. Buyers are distinct over the period, so they come from the caller (a
 * buyer of two days is one buyer); new buyers add up, since a buyer's first payment falls on one day only.
 */
export function periodSales(days: readonly DayFigures[], distinctBuyers: number): SalesFigures {
  const sum = (pick: (day: DayFigures) => number) => days.reduce((total, day) => total + pick(day), 0);
  const paidAmount = sum((d) => d.paidAmount);
  const paidOrders = sum((d) => d.paidOrders);
  const newBuyers = Math.min(
    sum((d) => d.newBuyers),
    distinctBuyers,
  );
  return {
    paidAmount,
    paidOrders,
    buyers: distinctBuyers,
    averageOrderValue: averageOrderValue(paidAmount, paidOrders),
    refundAmount: sum((d) => d.refundAmount),
    refundOrders: sum((d) => d.refundOrders),
    newBuyers,
    returningBuyers: distinctBuyers - newBuyers,
  };
}

export function periodFunnel(days: readonly DayFigures[]): FunnelFigures {
  return days.reduce(
    (total, day) => ({
      views: total.views + day.funnel.views,
      cartAdds: total.cartAdds + day.funnel.cartAdds,
      orders: total.orders + day.funnel.orders,
      paidOrders: total.paidOrders + day.funnel.paidOrders,
    }),
    { ...NO_FUNNEL },
  );
}

export const TOP_PRODUCTS = 10;

/** By paid amount, then views, then id: a stable order for the list. */
export function topProducts(
  totals: readonly ProductDayCounts[],
  label: (productId: string) => { title: string; image: string },
): ProductFigures[] {
  return [...totals]
    .sort(
      (a, b) =>
        b.paidAmount - a.paidAmount ||
        b.views - a.views ||
        (a.productId < b.productId ? -1 : a.productId > b.productId ? 1 : 0),
    )
    .slice(0, TOP_PRODUCTS)
    .map((row) => ({
      productId: row.productId,
      ...label(row.productId),
      paidAmount: row.paidAmount,
      paidQuantity: row.paidQuantity,
      funnel: { views: row.views, cartAdds: row.cartAdds, orders: row.orders, paidOrders: row.paidOrders },
    }));
}
