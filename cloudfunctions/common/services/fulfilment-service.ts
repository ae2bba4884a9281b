/**
 * Shipping by the merchant: a paid order gets its carrier and tracking number and moves to SHIPPED, and an
 * order paid with WeChat Pay has its shipping information uploaded to WeChat (the worker retries a refusal).
 */
import type { Order, OrderLogistics } from '../../../types/entities';
import { EXPRESS_COMPANIES, type ExpressCompanyCode } from '../../../types/express-companies';
import { notifyBuyer } from './message-service';
import { moveOrder, publicOrder } from './order-service';
import { orderOrFail } from './order-lookup';
import { pendingShippingUpload, uploadShipment } from './shipping-upload-service';

export async function shipOrder(
  orderId: string,
  expressCompany: ExpressCompanyCode,
  trackingNo: string,
  now: number,
): Promise<Order> {
  const order = await orderOrFail(orderId);
  const company = EXPRESS_COMPANIES[expressCompany];
  const wechatShipping = pendingShippingUpload(order, now);
  const logistics: OrderLogistics = {
    company,
    expressCompany,
    trackingNo,
    traces: [{ at: now, text: `商家已发货，${company} 运单号 ${trackingNo}` }],
    ...(wechatShipping && { wechatShipping }),
  };
  const shipped = await moveOrder(order, 'SHIP', 'MERCHANT', now, `${company} ${trackingNo}`, { logistics });
  await notifyBuyer(shipped, 'shipped', now);
  if (!shipped.logistics?.wechatShipping) return publicOrder(shipped);
  let upload;
  try {
    upload = await uploadShipment(shipped, now);
  } catch (error) {
    // Shipped all the same: the worker uploads it on its next run.
    console.error('[shipping] upload to WeChat failed', error);
  }
  return publicOrder(
    upload ? { ...shipped, logistics: { ...shipped.logistics, wechatShipping: upload } } : shipped,
  );
}
