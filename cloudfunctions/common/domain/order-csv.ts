/**
 * The CSV of an order export: one line per order, items joined in one cell, amounts in yuan with two decimals,
 * times in China time. UTF-8 with a byte-order mark, so Excel opens the Chinese text as it is.
 */
import type { Order } from '../../../types/entities';
import { ORDER_STATE_DISPLAY } from '../../../types/order-states';

export const CSV_HEADER = [
  '订单号',
  '下单时间',
  '状态',
  '商品',
  '商品金额',
  '运费',
  '优惠',
  '实付',
  '收货人',
  '手机',
  '收货地址',
  '快递公司',
  '运单号',
  '买家备注',
];

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;

function chinaTime(at: number): string {
  return new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace('T', ' ');
}

const yuan = (fen: number) => (fen / 100).toFixed(2);

/** Quotes a cell when it holds a comma, quote or line break; a leading =+-@ is defused (formula injection). */
export function csvCell(value: string): string {
  const safe = /^[=+\-@]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export type ExportedOrder = Pick<
  Order,
  'orderNo' | 'createdAt' | 'state' | 'items' | 'amounts' | 'address' | 'logistics' | 'remark'
>;

export function orderCsvLine(order: ExportedOrder): string {
  const a = order.address;
  return [
    order.orderNo,
    chinaTime(order.createdAt),
    ORDER_STATE_DISPLAY[order.state].text,
    order.items
      .map((item) => `${item.title}${item.specText ? `(${item.specText})` : ''}×${item.quantity}`)
      .join('；'),
    yuan(order.amounts.itemsTotal),
    yuan(order.amounts.shippingFee),
    yuan(order.amounts.discount),
    yuan(order.amounts.payable),
    a.name,
    a.mobile,
    `${a.province}${a.city}${a.district}${a.detail}`,
    order.logistics?.company ?? '',
    order.logistics?.trackingNo ?? '',
    order.remark ?? '',
  ]
    .map(csvCell)
    .join(',');
}

export function ordersCsv(orders: readonly ExportedOrder[]): string {
  return `\uFEFF${[CSV_HEADER.join(','), ...orders.map(orderCsvLine)].join('\r\n')}\r\n`;
}
