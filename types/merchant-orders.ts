/** The merchant's order actions beyond one order at a time: address correction, batch shipping, CSV export. */
import type { AddressSnapshot, EpochMs } from './entities';
import type { OrderState } from './order-states';
import type { ErrorCode } from './errors';
import type { ExpressCompanyCode } from './express-companies';
import type { MerchantOrder } from './merchant';
import type { ShopDay } from './merchant-dashboard';

export interface ShipmentRequest {
  orderId: string;
  expressCompany: ExpressCompanyCode;
  trackingNo: string;
}

/** One order of a batch: shipped (with its new state) or refused with the code orders.ship would answer. */
export type ShipmentResult =
  | { orderId: string; ok: true; state: OrderState }
  | { orderId: string; ok: false; code: ErrorCode; message: string };

export interface OrderExportRequest {
  /** First and last China day of the range, inclusive; at most 31 days. */
  from: ShopDay;
  to: ShopDay;
}

export interface OrderExport {
  /** cloud:// file ID of the CSV in cloud storage. */
  fileID: string;
  /** A temporary download link of the file. */
  url: string;
  /** Orders written (one line each, items joined in one column). */
  rows: number;
  createdAt: EpochMs;
}

export interface MerchantOrderActions {
  /**
   * Before shipping only (TO_PAY or PAID); ORDER_STATE_CONFLICT afterwards. The address is checked as the
   * address book checks it: a region not among China's divisions is INVALID_INPUT. Audited before → after.
   */
  'orders.correctAddress': {
    request: { orderId: string; address: AddressSnapshot };
    response: MerchantOrder;
  };
  /** 1..20 orders; each ships (and uploads its shipping information) on its own. */
  'orders.batchShip': { request: { shipments: ShipmentRequest[] }; response: { results: ShipmentResult[] } };
  /** Orders created in the range, as CSV (UTF-8 with BOM, so Excel opens it) in cloud storage. */
  'orders.export': { request: OrderExportRequest; response: OrderExport };
}
