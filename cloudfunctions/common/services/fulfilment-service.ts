/** Shipping by the merchant: a paid order gets its carrier and tracking number and moves to SHIPPED. */
import type { Order } from '../../../types/entities';
import { moveOrder, publicOrder } from './order-service';
import { orderOrFail } from './order-lookup';

export async function shipOrder(
  orderId: string,
  company: string,
  trackingNo: string,
  now: number,
): Promise<Order> {
  const order = await orderOrFail(orderId);
  const logistics = {
    company,
    trackingNo,
    traces: [{ at: now, text: `商家已发货，${company} 运单号 ${trackingNo}` }],
  };
  return publicOrder(
    await moveOrder(order, 'SHIP', 'MERCHANT', now, `${company} ${trackingNo}`, { logistics }),
  );
}
