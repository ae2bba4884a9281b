/**
 * The merchant's order work beyond one order at a time: correcting an address before shipping, shipping a
 * batch (each order on its own, through the same ship flow), and exporting a date range as CSV to cloud storage.
 */
import type { AddressSnapshot, EpochMs } from '../../../types/entities';
import type { MerchantOrder } from '../../../types/merchant';
import type { OrderState } from '../../../types/order-states';
import type {
  OrderExport,
  OrderExportRequest,
  ShipmentRequest,
  ShipmentResult,
} from '../../../types/merchant-orders';
import { cloud, command, db } from '../cloud';
import { ordersCsv } from '../domain/order-csv';
import { DAY_MS, dayStart } from '../domain/shop-day';
import { COLLECTIONS } from '../repositories/collections';
import { ordersForExport } from '../repositories/dashboard-repository';
import { findOrder } from '../repositories/order-repository';
import { updatedCount } from '../repositories/query-helpers';
import { DomainError, fail } from '../runtime/domain-error';
import { merchantOrder } from './merchant-service';

/** States in which the goods have not left: the address may still change. */
const BEFORE_SHIPPING = ['TO_PAY', 'PAID'] as const;

/** One conditional write: refused once the order has shipped, however close the two calls. */
export async function correctAddress(
  orderId: string,
  address: AddressSnapshot,
  now: EpochMs,
): Promise<MerchantOrder> {
  const answer = await db
    .collection(COLLECTIONS.orders)
    .where({ _id: orderId, state: command.in([...BEFORE_SHIPPING]) })
    .update({ data: { address: { ...address }, updatedAt: now } });
  const order = await findOrder(orderId);
  if (!order) fail('ORDER_NOT_FOUND', `order ${orderId} does not exist`);
  if (updatedCount(answer) === 0)
    fail(
      'ORDER_STATE_CONFLICT',
      `order ${orderId} is ${order.state}: the address can change only before shipping`,
    );
  return merchantOrder(order);
}

/** Each order ships on its own (`ship` is orders.ship with its audit); one refusal does not stop the rest. */
export async function shipBatch(
  shipments: readonly ShipmentRequest[],
  ship: (shipment: ShipmentRequest) => Promise<{ state: OrderState }>,
): Promise<{ results: ShipmentResult[] }> {
  const seen = new Set<string>();
  const results: ShipmentResult[] = [];
  for (const shipment of shipments) {
    if (seen.has(shipment.orderId)) {
      results.push({ orderId: shipment.orderId, ok: false, code: 'INVALID_INPUT', message: 'listed twice' });
      continue;
    }
    seen.add(shipment.orderId);
    try {
      const shipped = await ship(shipment);
      results.push({ orderId: shipment.orderId, ok: true, state: shipped.state });
    } catch (error) {
      if (!(error instanceof DomainError)) throw error;
      const failure = error.toFailure();
      results.push({ orderId: shipment.orderId, ok: false, code: failure.code, message: failure.message });
    }
  }
  return { results };
}

export const EXPORT_MAX_DAYS = 31;
export const EXPORT_MAX_ORDERS = 50_000;
/** How long the download link works (CloudBase's getTempFileURL max_age, seconds). */
export const EXPORT_LINK_SECONDS = 60 * 60;

export async function exportOrders(request: OrderExportRequest, now: EpochMs): Promise<OrderExport> {
  const start = dayStart(request.from);
  const end = dayStart(request.to) + DAY_MS;
  if (end <= start) fail('INVALID_INPUT', 'to: before from');
  if (end - start > EXPORT_MAX_DAYS * DAY_MS) fail('INVALID_INPUT', `to: at most ${EXPORT_MAX_DAYS} days`);
  const { orders, truncated } = await ordersForExport(start, end, EXPORT_MAX_ORDERS);
  if (truncated) fail('INVALID_INPUT', `more than ${EXPORT_MAX_ORDERS} orders: choose a shorter range`);
  orders.sort((a, b) => a.createdAt - b.createdAt || (a.orderNo < b.orderNo ? -1 : 1));
  const cloudPath = `exports/orders-${request.from}-${request.to}-${now.toString(36)}.csv`;
  const uploaded = await cloud.uploadFile({ cloudPath, fileContent: Buffer.from(ordersCsv(orders), 'utf8') });
  const links = await cloud.getTempFileURL({
    fileList: [{ fileID: uploaded.fileID, maxAge: EXPORT_LINK_SECONDS }],
  });
  const url = links ? links.fileList[0]?.tempFileURL : undefined;
  if (!url) fail('INTERNAL', 'no download link for the export');
  return { fileID: uploaded.fileID, url, rows: orders.length, createdAt: now };
}
