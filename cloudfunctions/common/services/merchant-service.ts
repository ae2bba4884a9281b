/** What the merchant sees: orders across buyers and the payment notices that could not be applied. */
import type { DeadLetter } from '../../../types/api';
import type { MerchantOrder } from '../../../types/merchant';
import type { OrderState } from '../../../types/order-states';
import { fail } from '../runtime/domain-error';
import { classifyOrderSearch } from '../domain/order-search';
import { orderOrFail } from './order-lookup';
import {
  findOrdersForMerchant,
  findOrdersWhere,
  updateOrderFields,
  type StoredOrder,
} from '../repositories/order-repository';
import { findDeadInboxItems, findInboxItem, reviveInboxItem } from '../repositories/payment-inbox-repository';

const PAGE = 20;

export async function merchantOrders(
  state: OrderState | undefined,
  page: number,
): Promise<{ items: MerchantOrder[]; hasMore: boolean }> {
  const rows = await findOrdersForMerchant(state, (page - 1) * PAGE, PAGE + 1);
  return { items: rows.slice(0, PAGE).map(merchantOrder), hasMore: rows.length > PAGE };
}

/** An order as staff see it: the remark included, the bookkeeping left out. */
export function merchantOrder(order: StoredOrder): MerchantOrder {
  const { attempt: _attempt, closeRetry: _closeRetry, ...rest } = order;
  return rest;
}

const SEARCH_LIMIT = 20;

export async function searchOrders(query: string): Promise<{ items: MerchantOrder[] }> {
  const { field, value } = classifyOrderSearch(query);
  return { items: (await findOrdersWhere(field, value, SEARCH_LIMIT)).map(merchantOrder) };
}

export async function merchantOrderDetail(orderId: string): Promise<MerchantOrder> {
  const order = await orderOrFail(orderId);
  return merchantOrder(order);
}

/** The merchant's note on an order, in any state; empty text clears it. */
export async function remarkOrder(orderId: string, remark: string): Promise<MerchantOrder> {
  const order = await orderOrFail(orderId);
  await updateOrderFields(orderId, { merchantRemark: remark });
  return { ...merchantOrder(order), merchantRemark: remark };
}

export async function deadLetters(): Promise<{ items: DeadLetter[] }> {
  const items = (await findDeadInboxItems(100)).map((item) => ({
    transactionId: item._id,
    outTradeNo: item.outTradeNo,
    amount: item.transaction.totalFen,
    attempts: item.attempts,
    ...(item.lastError && { lastError: item.lastError }),
    receivedAt: item.receivedAt,
  }));
  return { items };
}

export async function retryDeadLetter(transactionId: string, now: number): Promise<{ state: string }> {
  if (await reviveInboxItem(transactionId, now)) return { state: 'PENDING' };
  const item = await findInboxItem(transactionId);
  if (!item) fail('NOT_FOUND', `no payment notice ${transactionId}`);
  return { state: item.state };
}
