/**
 * 批量发货: paid orders waiting to ship, each picked with its own tracking number, one express company for the
 * batch (a parcel counter's usual day), sent as one orders.batchShip of at most 20. Each order ships or is
 * refused on its own; the refused ones stay on the list with the reason.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Input, View, Text } from '@tarojs/components';
import Taro, { usePullDownRefresh } from '@tarojs/taro';
import {
  EXPRESS_COMPANIES,
  EXPRESS_COMPANY_CODES,
  formatPrice,
  type ExpressCompanyCode,
  type MerchantOrder,
} from '@shop/types';
import { errorMessage } from '../../services/error-messages';
import { batchShip, merchantOrders } from '../../services/merchant';
import { BATCH_SHIP_LIMIT, TRACKING_NO } from '../components/shipping';
import '../components/workspace.css';
import './index.css';

interface Loaded {
  status: 'loading' | 'ready' | 'error';
  errorCode?: string;
  orders: MerchantOrder[];
  page: number;
  hasMore: boolean;
}

function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none' });
}

export default function BatchShipPage() {
  const [list, setList] = useState<Loaded>({ status: 'loading', orders: [], page: 0, hasMore: false });
  const [company, setCompany] = useState<ExpressCompanyCode>();
  const [chosen, setChosen] = useState<string[]>([]);
  const [numbers, setNumbers] = useState<Record<string, string>>({});
  const [refused, setRefused] = useState<Record<string, string>>({});
  const [shipped, setShipped] = useState(0);
  const [busy, setBusy] = useState(false);
  const ticket = useRef(0);

  const load = useCallback(async (page = 1) => {
    const mine = ++ticket.current;
    if (page === 1) setList({ status: 'loading', orders: [], page: 0, hasMore: false });
    const answer = await merchantOrders('PAID', page);
    if (mine !== ticket.current) return;
    if (!answer.ok) {
      if (page === 1)
        setList({ status: 'error', errorCode: answer.code, orders: [], page: 0, hasMore: false });
      else toast(errorMessage(answer.code));
      return;
    }
    setList((current) => {
      const before = page === 1 ? [] : current.orders;
      const known = new Set(before.map((order) => order._id));
      return {
        status: 'ready',
        orders: [...before, ...answer.data.items.filter((order) => !known.has(order._id))],
        page,
        hasMore: answer.data.hasMore,
      };
    });
  }, []);

  useEffect(() => {
    void load();
  }, [load]);
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const toggle = (orderId: string) => {
    if (chosen.includes(orderId)) return setChosen(chosen.filter((id) => id !== orderId));
    if (chosen.length >= BATCH_SHIP_LIMIT) return toast(`一次最多发货 ${BATCH_SHIP_LIMIT} 单`);
    setChosen([...chosen, orderId]);
  };

  const chooseAll = () => {
    const open = list.orders.map((order) => order._id);
    setChosen(chosen.length > 0 ? [] : open.slice(0, BATCH_SHIP_LIMIT));
    if (chosen.length === 0 && open.length > BATCH_SHIP_LIMIT) toast(`已选前 ${BATCH_SHIP_LIMIT} 单`);
  };

  const send = async () => {
    if (busy) return;
    if (chosen.length === 0) return toast('请选择要发货的订单');
    if (!company) return toast('请选择快递公司');
    const shipments = chosen.map((orderId) => ({
      orderId,
      expressCompany: company,
      trackingNo: (numbers[orderId] ?? '').trim(),
    }));
    const missing = shipments.findIndex((shipment) => !TRACKING_NO.test(shipment.trackingNo));
    if (missing >= 0) {
      const order = list.orders.find((o) => o._id === shipments[missing].orderId);
      return toast(`请填写正确的快递单号（${order?.address.name ?? ''}）`);
    }
    setBusy(true);
    const answer = await batchShip(shipments);
    setBusy(false);
    if (!answer.ok) return toast(errorMessage(answer.code));
    const done = new Set(answer.data.results.filter((result) => result.ok).map((result) => result.orderId));
    const reasons: Record<string, string> = {};
    for (const result of answer.data.results)
      if (!result.ok) reasons[result.orderId] = errorMessage(result.code);
    setRefused(reasons);
    setShipped((count) => count + done.size);
    setChosen(chosen.filter((id) => !done.has(id)));
    setList((current) => ({ ...current, orders: current.orders.filter((order) => !done.has(order._id)) }));
    toast(
      Object.keys(reasons).length === 0
        ? `已发货 ${done.size} 单`
        : `已发货 ${done.size} 单，${Object.keys(reasons).length} 单未发货`,
    );
  };

  return (
    <View className="ws ws-batch" id="ws-batch">
      <View className="ws-card">
        <View className="ws-card__head">
          <Text className="ws-card__title">快递公司</Text>
          <Text className="ws-muted">本批订单使用同一家快递</Text>
        </View>
        <View className="ws-batch__companies">
          {EXPRESS_COMPANY_CODES.map((code) => (
            <View
              key={code}
              id={`ws-batch-express-${code}`}
              className={`ws-batch__company ${code === company ? 'ws-batch__company--chosen' : ''}`}
              onClick={() => setCompany(code)}
            >
              {EXPRESS_COMPANIES[code]}
            </View>
          ))}
        </View>
      </View>

      {shipped > 0 ? (
        <View className="ws-card ws-batch__done" id="ws-batch-shipped">
          本次已发货 {shipped} 单，发货信息将同步到微信
        </View>
      ) : null}

      <View className="ws-batch__bar-top">
        <Text className="ws-muted">
          待发货订单 · 已选 {chosen.length} 单（最多 {BATCH_SHIP_LIMIT} 单）
        </Text>
        {list.orders.length > 0 ? (
          <Text className="ws-batch__all" id="ws-batch-all" onClick={chooseAll}>
            {chosen.length > 0 ? '取消全选' : '全选'}
          </Text>
        ) : null}
      </View>

      {list.status === 'loading' ? <View className="ws-empty">加载中…</View> : null}
      {list.status === 'error' ? (
        <View className="ws-empty" onClick={() => void load()}>
          {errorMessage(list.errorCode ?? 'INTERNAL')}，点此重试
        </View>
      ) : null}
      {list.status === 'ready' && list.orders.length === 0 ? (
        <View className="ws-empty">没有待发货的订单</View>
      ) : null}

      <View id="ws-batch-rows">
        {list.orders.map((order) => {
          const picked = chosen.includes(order._id);
          const count = order.items.reduce((sum, item) => sum + item.quantity, 0);
          return (
            <View key={order._id} className="ws-card ws-batch__order" id={`ws-batch-order-${order._id}`}>
              <View
                className="ws-batch__pick"
                id={`ws-batch-pick-${order._id}`}
                onClick={() => toggle(order._id)}
              >
                <View className={`ws-batch__check ${picked ? 'ws-batch__check--on' : ''}`} />
                <View className="ws-batch__main">
                  <Text className="ws-batch__no">{order.orderNo}</Text>
                  <Text className="ws-batch__goods">
                    {order.items[0]?.title ?? ''}
                    {order.items.length > 1 ? ` 等${order.items.length}种` : ''} · 共{count}件 ·{' '}
                    {formatPrice(order.amounts.payable)}
                  </Text>
                  <Text className="ws-muted">
                    {order.address.name} {order.address.mobile} · {order.address.city}
                    {order.address.district}
                  </Text>
                </View>
              </View>
              {picked ? (
                <Input
                  className="ws-input ws-batch__tracking"
                  id={`ws-batch-tracking-${order._id}`}
                  placeholder="快递单号"
                  maxlength={40}
                  value={numbers[order._id] ?? ''}
                  onInput={(event) => setNumbers((all) => ({ ...all, [order._id]: event.detail.value }))}
                />
              ) : null}
              {refused[order._id] ? (
                <Text className="ws-batch__refused" id={`ws-batch-refused-${order._id}`}>
                  未发货：{refused[order._id]}
                </Text>
              ) : null}
            </View>
          );
        })}
      </View>
      {list.status === 'ready' && list.hasMore ? (
        <View className="ws-more" onClick={() => void load(list.page + 1)}>
          加载更多
        </View>
      ) : null}

      <View className="ws-bar">
        <View
          className={`ws-button ${busy || chosen.length === 0 ? 'ws-button--disabled' : ''}`}
          id="ws-batch-send"
          onClick={() => void send()}
        >
          发货（{chosen.length}）
        </View>
      </View>
    </View>
  );
}
