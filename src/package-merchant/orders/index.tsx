/**
 * 订单 of the workspace: tabs by state (待发货 first after 全部), search by order number, receiver's name or
 * mobile, more on scroll; tapping an order opens its detail (ship, remark, refunds).
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Input, View, Text } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { ORDER_STATES, type MerchantOrder, type OrderState, type StaffRole } from '@shop/types';
import { errorMessage } from '../../services/error-messages';
import { merchantOrders, searchMerchantOrders } from '../../services/merchant';
import { staffRole } from '../../services/staff';
import OrderRow from '../components/order-row';
import { ORDER_STATE_TABS } from '../components/merchant-text';
import '../components/workspace.css';
import './index.css';

type TabKey = OrderState | 'ALL';

interface ListState {
  status: 'loading' | 'ready' | 'error';
  errorCode?: string;
  orders: MerchantOrder[];
  page: number;
  hasMore: boolean;
  /** Set while showing the answer of a search instead of a tab. */
  query?: string;
}

function isState(value: string | undefined): value is OrderState {
  return (ORDER_STATES as readonly string[]).includes(value ?? '');
}

export default function MerchantOrdersPage() {
  const { params } = useRouter();
  const [tab, setTab] = useState<TabKey>(isState(params.state) ? params.state : 'ALL');
  const [query, setQuery] = useState('');
  const [list, setList] = useState<ListState>({ status: 'loading', orders: [], page: 0, hasMore: false });
  const [role, setRole] = useState<StaffRole>();
  const ticket = useRef(0);
  const shownOnce = useRef(false);

  const load = useCallback(async (next: TabKey, page = 1) => {
    const mine = ++ticket.current;
    if (page === 1) setList({ status: 'loading', orders: [], page: 0, hasMore: false });
    const answer = await merchantOrders(next === 'ALL' ? undefined : next, page);
    if (mine !== ticket.current) return;
    if (!answer.ok) {
      if (page === 1)
        setList({ status: 'error', errorCode: answer.code, orders: [], page: 0, hasMore: false });
      else void Taro.showToast({ title: errorMessage(answer.code), icon: 'none' });
      return;
    }
    setList((current) => {
      const known = new Set(page === 1 ? [] : current.orders.map((o) => o._id));
      const orders = page === 1 ? [] : current.orders;
      return {
        status: 'ready',
        orders: [...orders, ...answer.data.items.filter((o) => !known.has(o._id))],
        page,
        hasMore: answer.data.hasMore,
      };
    });
  }, []);

  const search = useCallback(async () => {
    const text = query.trim();
    if (!text) {
      void load(tab);
      return;
    }
    const mine = ++ticket.current;
    setList({ status: 'loading', orders: [], page: 0, hasMore: false, query: text });
    const answer = await searchMerchantOrders(text);
    if (mine !== ticket.current) return;
    setList(
      answer.ok
        ? { status: 'ready', orders: answer.data.items, page: 1, hasMore: false, query: text }
        : { status: 'error', errorCode: answer.code, orders: [], page: 0, hasMore: false, query: text },
    );
  }, [load, query, tab]);

  useEffect(() => {
    void staffRole().then(setRole);
  }, []);

  useEffect(() => {
    void load(tab);
    // The first tab only: later tabs load from their tap.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  // An order changes on its detail page (shipped, refunded): read the list again when coming back.
  useDidShow(() => {
    if (shownOnce.current && !list.query) void load(tab);
    shownOnce.current = true;
  });
  usePullDownRefresh(() => {
    void (list.query ? search() : load(tab)).finally(() => Taro.stopPullDownRefresh());
  });
  useReachBottom(() => {
    if (list.status === 'ready' && list.hasMore && !list.query) void load(tab, list.page + 1);
  });

  const choose = (next: TabKey) => {
    setTab(next);
    setQuery('');
    void load(next);
  };

  return (
    <View className="ws ws-orders">
      <View className="ws-search">
        <Input
          className="ws-input ws-search__input"
          id="ws-orders-query"
          placeholder="订单号 / 收货人 / 手机号"
          value={query}
          confirmType="search"
          onInput={(event) => setQuery(event.detail.value)}
          onConfirm={() => void search()}
        />
        <View className="ws-button" id="ws-orders-search" onClick={() => void search()}>
          搜索
        </View>
      </View>
      {/* 客服 read orders only: shipping and exporting are for owners and operators. */}
      {role && role !== 'service' ? (
        <View className="ws-orders__tools">
          <View
            className="ws-button ws-button--plain ws-orders__tool"
            id="ws-orders-batch"
            onClick={() => void Taro.navigateTo({ url: '/package-merchant/ship-batch/index' })}
          >
            批量发货
          </View>
          <View
            className="ws-button ws-button--plain ws-orders__tool"
            id="ws-orders-export"
            onClick={() => void Taro.navigateTo({ url: '/package-merchant/export/index' })}
          >
            导出订单
          </View>
        </View>
      ) : null}
      {list.query ? (
        <View className="ws-orders__query">
          <Text className="ws-muted">「{list.query}」的搜索结果</Text>
          <Text className="ws-orders__clear" id="ws-orders-clear" onClick={() => choose(tab)}>
            清除
          </Text>
        </View>
      ) : (
        <View className="ws-tabs" id="ws-order-tabs">
          {ORDER_STATE_TABS.map((item) => (
            <View
              key={item.key}
              id={`ws-order-tab-${item.key}`}
              className={`ws-tabs__tab ${item.key === tab ? 'ws-tabs__tab--active' : ''}`}
              onClick={() => item.key !== tab && choose(item.key)}
            >
              {item.title}
            </View>
          ))}
        </View>
      )}
      {list.status === 'loading' ? <View className="ws-empty">加载中…</View> : null}
      {list.status === 'error' ? (
        <View className="ws-empty" onClick={() => void load(tab)}>
          {errorMessage(list.errorCode ?? 'INTERNAL')}，点此重试
        </View>
      ) : null}
      {list.status === 'ready' && list.orders.length === 0 ? (
        <View className="ws-empty">
          {list.query ? '没有找到订单（请输入完整的订单号、收货人或手机号）' : '暂无订单'}
        </View>
      ) : null}
      <View id="ws-order-rows">
        {list.orders.map((order) => (
          <OrderRow
            key={order._id}
            order={order}
            onOpen={(chosen) => Taro.navigateTo({ url: `/package-merchant/order/index?id=${chosen._id}` })}
          />
        ))}
      </View>
      {list.status === 'ready' && list.hasMore ? (
        <View className="ws-more" onClick={() => void load(tab, list.page + 1)}>
          加载更多
        </View>
      ) : null}
    </View>
  );
}
