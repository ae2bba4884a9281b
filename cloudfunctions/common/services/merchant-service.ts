/** What the merchant sees: orders across buyers and the payment notices that could not be applied. */
import type { DeadLetter } from '../../../types/api';
import type { Order } from '../../../types/entities';
import type { OrderState } from '../../../types/order-states';
import { fail } from '../runtime/domain-error';
import { findOrdersForMerchant } from '../repositories/order-repository';
import { findDeadInboxItems, findInboxItem, reviveInboxItem } from '../repositories/payment-inbox-repository';
import { publicOrder } from './order-service';

const PAGE = 20;

export async function merchantOrders(
  state: OrderState | undefined,
  page: number,
): Promise<{ items: Order[]; hasMore: boolean }> {
  const rows = await findOrdersForMerchant(state, (page - 1) * PAGE, PAGE + 1);
  return { items: rows.slice(0, PAGE).map(publicOrder), hasMore: rows.length > PAGE };
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
