/** Chinese text for every error code a function can answer: the one place the shop words its failures. */
import type { ErrorCode } from '@shop/types';

const MESSAGES: Record<ErrorCode | 'NETWORK', string> = {
  NETWORK: '网络不太给力，请稍后重试',
  UNKNOWN_ACTION: '功能暂不可用，请升级小程序',
  INVALID_INPUT: '提交的信息有误，请检查后重试',
  UNAUTHENTICATED: '请先登录',
  FORBIDDEN: '没有权限进行此操作',
  NOT_FOUND: '内容不存在',
  INTERNAL: '服务开小差了，请稍后重试',
  PRODUCT_NOT_FOUND: '商品不存在',
  PRODUCT_OFF_SALE: '商品已下架',
  SKU_NOT_FOUND: '所选规格不存在',
  OUT_OF_STOCK: '库存不足',
  QUANTITY_OUT_OF_RANGE: '购买数量超出范围',
  CART_LINE_NOT_FOUND: '购物车中没有这件商品',
  CART_FULL: '购物车已满，请先结算或清理',
  ADDRESS_NOT_FOUND: '收货地址不存在',
  ADDRESS_REQUIRED: '请选择收货地址',
  ADDRESS_LIMIT: '收货地址数量已达上限',
  PRICE_CHANGED: '商品价格有变动，请确认后重新提交',
  COUPON_NOT_FOUND: '优惠券不存在',
  COUPON_UNUSABLE: '优惠券不可用',
  COUPON_LIMIT: '已领取过该优惠券',
  COUPON_SOLD_OUT: '优惠券已被领完',
  COUPON_NOT_CLAIMABLE: '该优惠券暂不可领取',
  SHIPPING_UNAVAILABLE: '该地区暂不支持配送',
  NOTHING_TO_BUY: '请选择要结算的商品',
  ORDER_NOT_FOUND: '订单不存在',
  ORDER_STATE_CONFLICT: '订单状态已变化，请刷新',
  ORDER_EXPIRED: '订单已超时',
  UNPAID_ORDER_LIMIT: '待支付订单过多，请先支付或取消已有订单',
  SKU_PURCHASE_LIMIT: '该商品待支付数量已达上限，请先支付或取消已有订单',
  REVIEW_EXISTS: '该商品已评价过',
  PAYMENT_FAILED: '支付失败，请重试',
  PAYMENT_NOT_CONFIGURED: '支付暂不可用',
  INVITATION_INVALID: '邀请码无效或已过期',
  ALREADY_STAFF: '你已是店铺员工',
  STAFF_NOT_FOUND: '该员工不存在',
  CATEGORY_NOT_FOUND: '分类不存在',
  CATEGORY_IN_USE: '该分类下还有子分类或商品，不能删除',
};

export function errorMessage(code: string): string {
  return (MESSAGES as Record<string, string>)[code] ?? MESSAGES.INTERNAL;
}
