/** How the workspace words orders, roles and audited actions for staff (the buyer's wording lives elsewhere). */
import dayjs from 'dayjs';
import type { EpochMs, OrderState, StaffRole } from '@shop/types';

export const ROLE_TEXT: Record<StaffRole, string> = { owner: '店主', operator: '运营', service: '客服' };

export const ROLE_HINT: Record<StaffRole, string> = {
  owner: '全部权限，管理店员与操作日志',
  operator: '订单、售后、商品',
  service: '查看订单与售后，填写备注',
};

export const STATE_TEXT: Record<OrderState, string> = {
  TO_PAY: '待付款',
  PAID: '待发货',
  SHIPPED: '已发货',
  RECEIVED: '已收货',
  COMPLETED: '已完成',
  CANCELLED: '已取消',
  CLOSED: '已关闭',
  REFUNDING: '退款中',
  REFUNDED: '已退款',
};

/** The tabs of 订单: what a merchant works through first comes first. */
export const ORDER_STATE_TABS: { key: OrderState | 'ALL'; title: string }[] = [
  { key: 'ALL', title: '全部' },
  { key: 'PAID', title: '待发货' },
  { key: 'SHIPPED', title: '已发货' },
  { key: 'REFUNDING', title: '退款中' },
  { key: 'TO_PAY', title: '待付款' },
  { key: 'COMPLETED', title: '已完成' },
  { key: 'REFUNDED', title: '已退款' },
];

const ACTION_TEXT: Record<string, string> = {
  'staff.invite': '邀请店员',
  'staff.revokeInvitation': '撤销邀请',
  'staff.join': '加入店铺',
  'staff.setRole': '修改角色',
  'staff.remove': '移除店员',
  'orders.remark': '订单备注',
  'orders.ship': '订单发货',
  'orders.refund': '商家退款',
  'refunds.approve': '同意退款',
  'refunds.reject': '拒绝退款',
  'payments.retry': '重试支付通知',
  'orders.correctAddress': '修改收货地址',
  'orders.batchShip': '批量发货',
  'products.create': '新建商品',
  'products.update': '编辑商品',
  'products.setOnSale': '上架/下架',
  'products.adjustStock': '调整库存',
  'categories.create': '新建分类',
  'categories.update': '编辑分类',
  'categories.remove': '删除分类',
  'home.save': '首页装修',
  'coupons.create': '新建优惠券',
  'coupons.setActive': '暂停/恢复优惠券',
  'afterSales.approve': '同意售后',
  'afterSales.reject': '拒绝售后',
  'afterSales.goodsReceived': '确认退货收货',
};

/** Actions added later read as their own name until they get words here. */
export function actionText(action: string): string {
  return ACTION_TEXT[action] ?? action;
}

export function timeText(at: EpochMs): string {
  return dayjs(at).format('YYYY-MM-DD HH:mm');
}

/** The part of an OPENID that tells staff apart without showing the whole identifier. */
export function shortOpenid(openid: string): string {
  return openid.length > 10 ? `${openid.slice(0, 4)}…${openid.slice(-4)}` : openid;
}
