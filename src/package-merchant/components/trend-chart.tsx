/**
 * A bar chart of one figure per day (the dashboard's sales trend, a product's sales), drawn by ECharts on a
 * canvas in both builds, with the tapped day's value read out above it (the latest day until one is tapped).
 */
import { useMemo, useState } from 'react';
import { View, Text } from '@tarojs/components';
import EChart from '../charts/echart';
import { trendOption, type TrendPoint } from '../charts/chart-options';
import './trend-chart.css';

export type { TrendPoint };

export interface TrendChartProps {
  points: readonly TrendPoint[];
  /** How a value reads (money, a count). */
  format: (value: number) => string;
  /** How the value axis reads (shorter: money in whole yuan). */
  axisLabel?: (value: number) => string;
  id: string;
}

export default function TrendChart({ points, format, axisLabel, id }: TrendChartProps) {
  const [picked, setPicked] = useState<number>();
  const chosen = picked !== undefined && picked < points.length ? picked : points.length - 1;
  const shown = points[chosen];
  const option = useMemo(
    () => trendOption(points, chosen, axisLabel ?? format),
    [points, chosen, axisLabel, format],
  );
  return (
    <View className="trend-chart" id={id}>
      <View className="trend-chart__readout">
        <Text className="trend-chart__day" id={`${id}-day`}>
          {shown ? shown.day.slice(5) : ''}
        </Text>
        <Text className="trend-chart__value" id={`${id}-value`}>
          {shown ? format(shown.value) : '—'}
        </Text>
      </View>
      <EChart id={`${id}-canvas`} className="trend-chart__canvas" option={option} onPick={setPicked} />
    </View>
  );
}
