/**
 * Under each item of a received order: 申请售后 while units are left, 售后中 to the open request, and how many
 * units were refunded. The server still decides (window, units, amount); this only offers the way in.
 */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Order } from '@shop/types';
import './after-sale-entry.css';

const AFTER_RECEIPT = ['RECEIVED', 'COMPLETED'];

export default function AfterSaleEntry({ order, lineIndex }: { order: Order; lineIndex: number }) {
  const item = order.items[lineIndex];
  if (!item || !AFTER_RECEIPT.includes(order.state)) return null;
  const mark = order.afterSales?.lines[`l${lineIndex}`];
  const open = mark?.open ?? undefined;
  const left = item.quantity - (mark?.units ?? 0);
  return (
    <View className="as-entry" id={`as-entry-${lineIndex}`}>
      {mark && mark.refundedUnits > 0 ? (
        <Text className="as-entry__done">已退款 {mark.refundedUnits} 件</Text>
      ) : null}
      {open ? (
        <View
          className="as-entry__button as-entry__button--open"
          id={`as-open-${lineIndex}`}
          onClick={() => Taro.navigateTo({ url: `/package-user/after-sale/index?id=${open}` })}
        >
          售后中 ›
        </View>
      ) : left > 0 ? (
        <View
          className="as-entry__button"
          id={`as-apply-${lineIndex}`}
          onClick={() =>
            Taro.navigateTo({
              url: `/package-user/after-sale-apply/index?orderId=${order._id}&line=${lineIndex}`,
            })
          }
        >
          申请售后
        </View>
      ) : null}
    </View>
  );
}
