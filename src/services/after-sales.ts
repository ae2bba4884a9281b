/** Typed calls of after-sales after receipt: the buyer's actions (`shop`) and the merchant's queue (`admin`). */
import type {
  AfterSaleCreateRequest,
  AfterSalePage,
  AfterSaleQuote,
  AfterSaleState,
  AfterSaleView,
  ExpressCompanyCode,
  Result,
} from '@shop/types';
import { callCloud } from './cloud';

export function quoteAfterSale(
  orderId: string,
  lineIndex: number,
  quantity: number,
): Promise<Result<AfterSaleQuote>> {
  return callCloud('shop', 'afterSale.quote', { orderId, lineIndex, quantity });
}

export function createAfterSale(request: AfterSaleCreateRequest): Promise<Result<AfterSaleView>> {
  return callCloud('shop', 'afterSale.create', request);
}

export function fetchAfterSale(afterSaleId: string): Promise<Result<AfterSaleView>> {
  return callCloud('shop', 'afterSale.detail', { afterSaleId });
}

export function fetchAfterSales(page: number): Promise<Result<AfterSalePage>> {
  return callCloud('shop', 'afterSale.list', { page });
}

export function shipBackAfterSale(
  afterSaleId: string,
  expressCompany: ExpressCompanyCode,
  trackingNo: string,
): Promise<Result<AfterSaleView>> {
  return callCloud('shop', 'afterSale.ship', { afterSaleId, expressCompany, trackingNo });
}

export function withdrawAfterSale(afterSaleId: string): Promise<Result<AfterSaleView>> {
  return callCloud('shop', 'afterSale.withdraw', { afterSaleId });
}

export function merchantAfterSales(
  state: AfterSaleState | undefined,
  page: number,
): Promise<Result<AfterSalePage>> {
  return callCloud('admin', 'afterSales.list', state ? { state, page } : { page });
}

export function approveAfterSale(afterSaleId: string): Promise<Result<AfterSaleView>> {
  return callCloud('admin', 'afterSales.approve', { afterSaleId });
}

export function rejectAfterSale(afterSaleId: string, reason: string): Promise<Result<AfterSaleView>> {
  return callCloud('admin', 'afterSales.reject', { afterSaleId, reason });
}

export function confirmReturnedGoods(afterSaleId: string): Promise<Result<AfterSaleView>> {
  return callCloud('admin', 'afterSales.goodsReceived', { afterSaleId });
}
