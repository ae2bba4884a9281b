/**
 * 工作台: the workspace's first screen. What needs doing (orders to ship, refunds to decide), the figures of
 * today / 7 / 30 days with the sales trend, the behaviour funnel and top products (dashboard.overview, read
 * from the worker's daily aggregates), and the way to every part of the workspace the caller's role opens.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Image, View, Text } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import {
  DASHBOARD_PERIODS,
  formatPrice,
  type DashboardOverview,
  type DashboardPeriod,
  type StaffRole,
} from '@shop/types';
import { errorMessage } from '../../services/error-messages';
import { imageUrl } from '../../services/image-url';
import { dashboardOverview } from '../../services/merchant';
import { staffRole } from '../../services/staff';
import Funnel from '../components/funnel';
import TrendChart from '../components/trend-chart';
import { ROLE_TEXT, timeText } from '../components/merchant-text';
import '../components/workspace.css';
import './index.css';

const PERIOD_TEXT: Record<DashboardPeriod, string> = { today: '今日', '7d': '近7天', '30d': '近30天' };
const TREND_DAYS: Record<DashboardPeriod, number> = { today: 7, '7d': 7, '30d': 30 };

interface Entry {
  id: string;
  title: string;
  url: string;
  roles: readonly StaffRole[];
}

const ENTRIES: Entry[] = [
  {
    id: 'orders',
    title: '订单',
    url: '/package-merchant/orders/index',
    roles: ['owner', 'operator', 'service'],
  },
  {
    id: 'refunds',
    title: '售后',
    url: '/package-merchant/refunds/index',
    roles: ['owner', 'operator', 'service'],
  },
  { id: 'products', title: '商品', url: '/package-merchant/products/index', roles: ['owner', 'operator'] },
  { id: 'coupons', title: '优惠券', url: '/package-merchant/coupons/index', roles: ['owner', 'operator'] },
  {
    id: 'categories',
    title: '分类',
    url: '/package-merchant/categories/index',
    roles: ['owner', 'operator'],
  },
  {
    id: 'home-content',
    title: '首页装修',
    url: '/package-merchant/home-content/index',
    roles: ['owner', 'operator'],
  },
  { id: 'staff', title: '店员', url: '/package-merchant/staff/index', roles: ['owner'] },
  { id: 'audit', title: '操作日志', url: '/package-merchant/audit/index', roles: ['owner'] },
];

const seesFigures = (role: StaffRole) => role !== 'service';

const moneyText = (fen: number) => formatPrice(Math.round(fen));
/** The trend's value axis: whole yuan, short enough for a phone's width. */
const yuanAxis = (fen: number) => `¥${Math.round(fen / 100)}`;

const open = (url: string) => void Taro.navigateTo({ url });

function Figure({ label, value, id }: { label: string; value: string; id?: string }) {
  return (
    <View className="ws-home__figure">
      <Text className="ws-home__figure-value" id={id}>
        {value}
      </Text>
      <Text className="ws-home__figure-label">{label}</Text>
    </View>
  );
}

export default function WorkspaceHomePage() {
  const [role, setRole] = useState<StaffRole>();
  const [overview, setOverview] = useState<DashboardOverview>();
  const [failure, setFailure] = useState<string>();
  const [period, setPeriod] = useState<DashboardPeriod>('today');
  const shownOnce = useRef(false);

  const load = useCallback(async () => {
    const answer = await dashboardOverview();
    if (!answer.ok) return setFailure(answer.code);
    setFailure(undefined);
    setOverview(answer.data);
  }, []);

  useEffect(() => {
    void staffRole(true).then((fresh) => {
      setRole(fresh);
      if (!fresh) void Taro.showToast({ title: '你已不是店铺员工', icon: 'none' });
      // The figures are for the owner and operators; 客服 work from the order lists.
      else if (seesFigures(fresh)) void load();
    });
  }, [load]);
  useDidShow(() => {
    if (shownOnce.current && role && seesFigures(role)) void load();
    shownOnce.current = true;
  });
  usePullDownRefresh(() => {
    void (role && seesFigures(role) ? load() : Promise.resolve()).finally(() => Taro.stopPullDownRefresh());
  });

  const figures = overview?.periods[period];
  const trend = useMemo(
    () =>
      (overview?.trend ?? [])
        .slice(-TREND_DAYS[period])
        .map((day) => ({ day: day.day, value: day.paidAmount })),
    [overview, period],
  );

  return (
    <View className="ws ws-home" id="ws-home">
      <View className="ws-home__hero">
        <View className="ws-home__who">
          <Text className="ws-home__title">商家工作台</Text>
          {role ? <Text className="ws-home__role">{ROLE_TEXT[role]}</Text> : null}
        </View>
        <View className="ws-home__todo">
          <View
            className="ws-home__todo-item"
            id="ws-todo-ship"
            onClick={() => open('/package-merchant/orders/index?state=PAID')}
          >
            <Text className="ws-home__todo-value" id="ws-waiting-to-ship">
              {overview ? overview.waitingToShip : '—'}
            </Text>
            <Text className="ws-home__todo-label">待发货</Text>
          </View>
          <View
            className="ws-home__todo-item"
            id="ws-todo-refunds"
            onClick={() => open('/package-merchant/refunds/index')}
          >
            <Text className="ws-home__todo-value" id="ws-refunds-waiting">
              {overview ? overview.refundsWaiting : '—'}
            </Text>
            <Text className="ws-home__todo-label">待处理退款</Text>
          </View>
        </View>
      </View>

      <View className="ws-card ws-home__entries">
        {ENTRIES.filter((entry) => role && entry.roles.includes(role)).map((entry) => (
          <View
            key={entry.id}
            className="ws-home__entry"
            id={`ws-entry-${entry.id}`}
            onClick={() => open(entry.url)}
          >
            <View className={`ws-home__icon ws-home__icon--${entry.id}`} />
            <Text className="ws-home__entry-text">{entry.title}</Text>
          </View>
        ))}
      </View>

      {failure && !overview ? (
        <View className="ws-card ws-empty" onClick={() => void load()}>
          经营数据：{errorMessage(failure)}，点此重试
        </View>
      ) : null}

      {overview && figures ? (
        <View id="ws-dashboard">
          <View className="ws-tabs ws-home__periods">
            {DASHBOARD_PERIODS.map((key) => (
              <View
                key={key}
                id={`ws-period-${key}`}
                className={`ws-tabs__tab ${key === period ? 'ws-tabs__tab--active' : ''}`}
                onClick={() => setPeriod(key)}
              >
                {PERIOD_TEXT[key]}
              </View>
            ))}
          </View>
          <View className="ws-card">
            <View className="ws-home__figures">
              <Figure
                label="成交额"
                value={formatPrice(figures.sales.paidAmount)}
                id="ws-figure-paid-amount"
              />
              <Figure label="支付订单" value={String(figures.sales.paidOrders)} id="ws-figure-paid-orders" />
              <Figure label="支付买家" value={String(figures.sales.buyers)} />
              <Figure label="客单价" value={formatPrice(figures.sales.averageOrderValue)} />
              <Figure label="退款金额" value={formatPrice(figures.sales.refundAmount)} />
              <Figure label="退款订单" value={String(figures.sales.refundOrders)} />
              <Figure label="新买家" value={String(figures.sales.newBuyers)} />
              <Figure label="老买家" value={String(figures.sales.returningBuyers)} />
            </View>
            <Text className="ws-muted ws-home__computed">
              {overview.computedAt ? `数据更新于 ${timeText(overview.computedAt)}` : '数据统计中，稍后刷新'}
            </Text>
          </View>

          <View className="ws-card">
            <View className="ws-card__head">
              <Text className="ws-card__title">成交趋势</Text>
              <Text className="ws-muted">近{TREND_DAYS[period]}天 · 每日成交额</Text>
            </View>
            <TrendChart points={trend} format={moneyText} axisLabel={yuanAxis} id="ws-trend" />
          </View>

          <View className="ws-card">
            <View className="ws-card__head">
              <Text className="ws-card__title">转化漏斗</Text>
              <Text className="ws-muted">{PERIOD_TEXT[period]}</Text>
            </View>
            <Funnel figures={figures.funnel} id="ws-funnel" />
          </View>

          <View className="ws-card" id="ws-top-products">
            <View className="ws-card__head">
              <Text className="ws-card__title">热销商品</Text>
              <Text className="ws-muted">{PERIOD_TEXT[period]}</Text>
            </View>
            {figures.topProducts.length === 0 ? <View className="ws-empty">暂无成交</View> : null}
            {figures.topProducts.map((product, index) => (
              <View key={product.productId} className="ws-home__product">
                <Text className="ws-home__rank">{index + 1}</Text>
                {product.image ? (
                  <Image className="ws-home__product-image" src={imageUrl(product.image)} mode="aspectFill" />
                ) : null}
                <View className="ws-home__product-main">
                  <Text className="ws-home__product-title">{product.title || '商品已删除'}</Text>
                  <Text className="ws-muted">
                    浏览 {product.funnel.views} · 加购 {product.funnel.cartAdds} · 售出 {product.paidQuantity}{' '}
                    件
                  </Text>
                </View>
                <Text className="ws-home__product-amount">{formatPrice(product.paidAmount)}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
    </View>
  );
}
