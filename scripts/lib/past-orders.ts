/**
 * Past orders generated straight into a benchmark's seed (a shop's history without placing each order): spread
 * over the last 60 China days, most paid and completed, some closed unpaid, a few refunded or waiting to ship.
 */
import type { Order, Product } from '../../types/entities';

export const DAY_MS = 24 * 60 * 60 * 1000;
/** The days the orders spread over, back from now. */
export const PAST_DAYS = 60;

/** A small deterministic generator, so two runs bench the same data. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export type PastOrder = Partial<Order> & { _id: string };

/**
 * `count` orders of the first SKU of random `products` by `buyers` buyers (`bench-buyer-N`), drawn from `next`
 * in a fixed order so the same generator state gives the same orders.
 */
export function generatePastOrders(
  count: number,
  products: Product[],
  next: () => number,
  now: number,
  buyers: number,
): PastOrder[] {
  const docs: PastOrder[] = [];
  for (let i = 0; i < count; i += 1) {
    const product = products[Math.floor(next() * products.length)];
    const createdAt = now - Math.floor(next() * PAST_DAYS * DAY_MS);
    const quantity = 1 + Math.floor(next() * 3);
    const price = product.minPrice;
    const payable = price * quantity;
    const roll = next();
    const paid = roll > 0.1;
    const state = !paid ? 'CLOSED' : roll > 0.97 ? 'REFUNDED' : roll > 0.95 ? 'PAID' : 'COMPLETED';
    const id = `bo${String(i).padStart(7, '0')}`;
    const order: PastOrder = {
      _id: id,
      orderNo: id,
      openid: `bench-buyer-${Math.floor(next() * buyers)}`,
      state,
      items: [
        {
          productId: product._id,
          skuId: `${product._id}-s01`,
          title: product.title,
          specText: '',
          image: product.images[0],
          price,
          quantity,
        },
      ],
      amounts: { itemsTotal: payable, shippingFee: 0, discount: 0, payable },
      address: {
        name: '王小明',
        mobile: '13800000000',
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        detail: '文三路 1 号',
      },
      requestId: id,
      createdAt,
      updatedAt: createdAt,
      expiresAt: createdAt + 30 * 60 * 1000,
      timeline: [{ state: 'TO_PAY', at: createdAt }],
    };
    if (paid) {
      order.paidAt = createdAt + 60_000;
      order.payment = {
        channel: 'SANDBOX',
        transactionId: `t${id}`,
        paidAmount: payable,
        paidAt: order.paidAt,
      };
    } else order.closedAt = createdAt + 30 * 60 * 1000;
    if (state === 'REFUNDED') {
      order.refund = {
        fromState: 'PAID',
        reason: '不想要了',
        amount: payable,
        requestedAt: createdAt + DAY_MS / 2,
        refundNo: `r${id}`,
        refundedAt: Math.min(now, createdAt + DAY_MS),
      };
    }
    docs.push(order);
  }
  return docs;
}
