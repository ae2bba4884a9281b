/** The buyer's after-sales requests after receipt, newest first, each opening its 售后详情. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { View, Text, Image } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import { AFTER_SALE_STATE_TEXT, AFTER_SALE_TYPE_TEXT, formatPrice, type AfterSaleView } from '@shop/types';
import { fetchAfterSales } from '../../services/after-sales';
import { imageUrl } from '../../services/image-url';
import './after-sale-list.css';

export default function AfterSaleList({ onLoaded }: { onLoaded: (count: number) => void }) {
  const [items, setItems] = useState<AfterSaleView[]>([]);
  const [page, setPage] = useState(1);
  const [hasMore, setHasMore] = useState(false);
  const shownOnce = useRef(false);

  const load = useCallback(
    async (wanted: number) => {
      const answer = await fetchAfterSales(wanted);
      if (!answer.ok) return;
      setItems((current) => (wanted === 1 ? answer.data.items : [...current, ...answer.data.items]));
      setHasMore(answer.data.hasMore);
      setPage(wanted);
      if (wanted === 1) onLoaded(answer.data.items.length);
    },
    [onLoaded],
  );

  useEffect(() => {
    void load(1);
  }, [load]);
  useDidShow(() => {
    if (shownOnce.current) void load(1);
    shownOnce.current = true;
  });

  if (items.length === 0) return null;
  return (
    <View id="after-sale-requests">
      {items.map((request) => (
        <View
          key={request._id}
          className="card as-card"
          id={`as-card-${request._id}`}
          onClick={() => Taro.navigateTo({ url: `/package-user/after-sale/index?id=${request._id}` })}
        >
          <View className="as-card__head">
            <Text className="as-card__type">{AFTER_SALE_TYPE_TEXT[request.type]}</Text>
            <Text className="as-card__state">{AFTER_SALE_STATE_TEXT[request.state].text}</Text>
          </View>
          <View className="as-card__body">
            <Image className="as-card__image" src={imageUrl(request.image)} mode="aspectFill" />
            <View className="as-card__text">
              <Text className="as-card__title">{request.title}</Text>
              <Text className="as-card__muted">
                {request.specText} ×{request.quantity}
              </Text>
            </View>
            <Text className="as-card__amount">{formatPrice(request.amount)}</Text>
          </View>
        </View>
      ))}
      {hasMore ? (
        <View className="as-card__more" onClick={() => void load(page + 1)}>
          查看更多售后申请
        </View>
      ) : null}
    </View>
  );
}
