/**
 * What the workspace's charts show, as ECharts options built from the dashboard's figures: pure functions,
 * so the pictures' content is tested without a canvas. Colours follow the workspace's palette.
 */
import type { FunnelFigures } from '@shop/types';
import type { ChartOption } from './echarts-setup';

const BLUE = '#2f6fed';
const SOFT_BLUE = '#a9c4fb';
const GREY = '#999999';
const LINE = '#e5e5e5';

export interface TrendPoint {
  /** 'YYYY-MM-DD'. */
  day: string;
  value: number;
}

/** One bar per day, the chosen day in the strong blue; the axis reads `axisLabel(value)`. */
export function trendOption(
  points: readonly TrendPoint[],
  chosen: number,
  axisLabel: (value: number) => string,
): ChartOption {
  return {
    animation: false,
    grid: { left: 8, right: 8, top: 12, bottom: 4, containLabel: true },
    xAxis: {
      type: 'category',
      data: points.map((point) => point.day.slice(5)),
      axisTick: { show: false },
      axisLine: { lineStyle: { color: LINE } },
      axisLabel: { color: GREY, fontSize: 10, hideOverlap: true },
    },
    yAxis: {
      type: 'value',
      splitNumber: 3,
      axisLabel: { color: GREY, fontSize: 10, formatter: (value: number) => axisLabel(value) },
      splitLine: { lineStyle: { color: LINE, type: 'dashed' } },
    },
    series: [
      {
        type: 'bar',
        barMaxWidth: 18,
        data: points.map((point, index) => ({
          value: point.value,
          itemStyle: { color: index === chosen ? BLUE : SOFT_BLUE, borderRadius: [3, 3, 0, 0] },
        })),
      },
    ],
  };
}

export const FUNNEL_STEPS: readonly { key: keyof FunnelFigures; title: string; color: string }[] = [
  { key: 'views', title: '浏览商品', color: BLUE },
  { key: 'cartAdds', title: '加入购物车', color: '#4d86f0' },
  { key: 'orders', title: '提交订单', color: '#74a0f4' },
  { key: 'paidOrders', title: '支付成功', color: '#1f9d55' },
];

/** The four steps as a funnel in their own order (never re-sorted), each labelled with its count. */
export function funnelOption(figures: FunnelFigures): ChartOption {
  const widest = Math.max(1, ...FUNNEL_STEPS.map((step) => figures[step.key]));
  return {
    animation: false,
    series: [
      {
        type: 'funnel',
        sort: 'none',
        // Labels sit to the right in the text colour: a narrow step would hide a label inside it.
        left: '4%',
        width: '58%',
        top: 6,
        bottom: 6,
        gap: 3,
        min: 0,
        max: widest,
        minSize: '12%',
        maxSize: '100%',
        label: { show: true, position: 'right', color: '#666666', fontSize: 11, formatter: '{b} {c}' },
        labelLine: { show: true, length: 8, lineStyle: { color: LINE } },
        itemStyle: { borderWidth: 0 },
        emphasis: { disabled: true },
        data: FUNNEL_STEPS.map((step) => ({
          name: step.title,
          value: figures[step.key],
          itemStyle: { color: step.color },
        })),
      },
    ],
  };
}
