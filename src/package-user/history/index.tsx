/** 浏览记录: the products the buyer opened, the latest first (at most 100), with 清空 to start over. */
import { useCallback, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { KeptProduct } from '@shop/types';
import { confirmAction } from '../../components/common/confirm';
import EmptyState from '../../components/empty-state';
import ErrorState from '../../components/status/error-state';
import Skeleton from '../../components/status/skeleton';
import { clearHistory, fetchHistory } from '../../services/buyer-lists';
import { errorMessage } from '../../services/error-messages';
import KeptProductRow from '../favorites/kept-product-row';
import './index.css';

type HistoryState =
  { status: 'loading' } | { status: 'error'; code: string } | { status: 'ready'; items: KeptProduct[] };

/** '今天', '昨天' or '11月28日': the history is read by day. */
function dayText(at: number, now: number): string {
  const day = (t: number) => new Date(t).toDateString();
  if (day(at) === day(now)) return '今天';
  if (day(at) === day(now - 24 * 3600 * 1000)) return '昨天';
  const date = new Date(at);
  return `${date.getMonth() + 1}月${date.getDate()}日`;
}

export default function HistoryPage() {
  const [state, setState] = useState<HistoryState>({ status: 'loading' });
  const [clearing, setClearing] = useState(false);

  const load = useCallback(async (quiet: boolean) => {
    if (!quiet) setState({ status: 'loading' });
    const answer = await fetchHistory();
    if (answer.ok) setState({ status: 'ready', items: answer.data.items });
    else if (!quiet) setState({ status: 'error', code: answer.code });
  }, []);

  useDidShow(() => void load(state.status === 'ready'));

  const clearAll = async () => {
    if (clearing || !(await confirmAction('清空全部浏览记录？', '清空'))) return;
    setClearing(true);
    const answer = await clearHistory();
    setClearing(false);
    if (answer.ok) setState({ status: 'ready', items: answer.data.items });
    else void Taro.showToast({ title: errorMessage(answer.code), icon: 'none' });
  };

  if (state.status === 'loading') return <Skeleton kind="list" />;
  if (state.status === 'error') return <ErrorState code={state.code} onRetry={() => void load(false)} />;
  if (state.items.length === 0) {
    return (
      <EmptyState
        icon="history"
        title="暂无浏览记录"
        hint="看过的商品会出现在这里"
        actionText="去逛逛"
        onAction={() => Taro.switchTab({ url: '/pages/index/index' })}
      />
    );
  }
  const now = Date.now();
  return (
    <View className="history" id="history">
      <View className="history__head">
        <Text className="history__count">最近浏览 {state.items.length} 件商品</Text>
        <Text className="history__clear" id="history-clear" onClick={() => void clearAll()}>
          {clearing ? '清空中…' : '清空'}
        </Text>
      </View>
      {state.items.map((item, index) => {
        const day = dayText(item.at, now);
        const firstOfDay = index === 0 || dayText(state.items[index - 1].at, now) !== day;
        return (
          <View key={item.product._id}>
            {firstOfDay ? <Text className="history__day">{day}</Text> : null}
            <KeptProductRow item={item} />
          </View>
        );
      })}
      <Text className="history__end">只保留最近浏览的 100 件商品</Text>
    </View>
  );
}
