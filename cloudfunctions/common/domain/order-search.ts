/**
 * What the merchant's order search box holds: an order number, a receiver's mobile number, or a receiver's
 * name. Each is an exact match on one indexed field, so a search costs one query at any number of orders.
 */
import { ORDER_NUMBER_PATTERN } from './order-number';

export type OrderSearch =
  | { field: 'orderNo'; value: string }
  | { field: 'address.mobile'; value: string }
  | { field: 'address.name'; value: string };

const MAINLAND_MOBILE = /^1\d{10}$/;

export function classifyOrderSearch(text: string): OrderSearch {
  const value = text.trim();
  if (ORDER_NUMBER_PATTERN.test(value)) return { field: 'orderNo', value };
  const digits = value.replace(/[\s-]/g, '');
  if (MAINLAND_MOBILE.test(digits)) return { field: 'address.mobile', value: digits };
  return { field: 'address.name', value };
}
