/** The dashboard's charts say what the figures say: one bar per day with the chosen day marked, the funnel in step order. */
import { funnelOption, trendOption } from '../chart-options';

const days = [
  { day: '2026-11-28', value: 0 },
  { day: '2026-11-29', value: 1990 },
  { day: '2026-11-30', value: 5970 },
];

interface BarDatum {
  value: number;
  itemStyle: { color: string };
}

test('the trend has one bar per day, labelled MM-DD, and only the chosen day in the strong colour', () => {
  const option = trendOption(days, 1, (fen) => `¥${fen / 100}`);
  expect((option.xAxis as { data: string[] }).data).toEqual(['11-28', '11-29', '11-30']);
  const [series] = option.series as { type: string; data: BarDatum[] }[];
  expect(series.type).toBe('bar');
  expect(series.data.map((bar) => bar.value)).toEqual([0, 1990, 5970]);
  const colours = series.data.map((bar) => bar.itemStyle.color);
  expect(new Set(colours).size).toBe(2);
  expect(colours.filter((colour) => colour === colours[1])).toHaveLength(1);
  const label = (option.yAxis as { axisLabel: { formatter: (value: number) => string } }).axisLabel;
  expect(label.formatter(5000)).toBe('¥50');
  expect(option.animation).toBe(false);
});

test('the funnel keeps the steps in their order, scaled to the widest step, even when a later step is larger', () => {
  const option = funnelOption({ views: 3, cartAdds: 1, orders: 2, paidOrders: 2 });
  const [series] = option.series as {
    sort: string;
    max: number;
    data: { name: string; value: number }[];
  }[];
  expect(series.sort).toBe('none');
  expect(series.max).toBe(3);
  expect(series.data.map((step) => `${step.name} ${step.value}`)).toEqual([
    '浏览商品 3',
    '加入购物车 1',
    '提交订单 2',
    '支付成功 2',
  ]);
  // Nothing yet: the scale still has a width.
  const empty = funnelOption({ views: 0, cartAdds: 0, orders: 0, paidOrders: 0 });
  expect((empty.series as { max: number }[])[0].max).toBe(1);
});
