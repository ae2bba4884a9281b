/**
 * A bar chart of one figure per day (the dashboard's sales trend), drawn with views so it renders the same in
 * the weapp and H5 builds and in page tests: bars scaled to the period's largest day, a few axis labels, and
 * the tapped day's value. No canvas, so nothing to size or redraw on rotation.
 */
import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import { niceCeiling } from './chart-scale';
import './trend-chart.css';

export interface TrendPoint {
  /** 'YYYY-MM-DD'. */
  day: string;
  value: number;
}

export interface TrendChartProps {
  points: readonly TrendPoint[];
  /** How a value reads (money, a count). */
  format: (value: number) => string;
  id?: string;
}

export default function TrendChart({ points, format, id }: TrendChartProps) {
  const [chosen, setChosen] = useState(points.length - 1);
  const top = niceCeiling(Math.max(0, ...points.map((point) => point.value)));
  const shown = points[chosen] ?? points[points.length - 1];
  const labelEvery = Math.max(1, Math.ceil(points.length / 5));
  return (
    <View className="trend-chart" id={id}>
      <View className="trend-chart__readout">
        <Text className="trend-chart__day">{shown ? shown.day.slice(5) : ''}</Text>
        <Text className="trend-chart__value" id={id ? `${id}-value` : undefined}>
          {shown ? format(shown.value) : '—'}
        </Text>
      </View>
      <View className="trend-chart__plot">
        <View className="trend-chart__grid">
          <Text className="trend-chart__axis">{format(top)}</Text>
          <Text className="trend-chart__axis">{format(top / 2)}</Text>
          <Text className="trend-chart__axis">0</Text>
        </View>
        <View className="trend-chart__bars">
          {points.map((point, index) => (
            <View
              key={point.day}
              className={`trend-chart__slot ${index === chosen ? 'trend-chart__slot--chosen' : ''}`}
              onClick={() => setChosen(index)}
            >
              <View
                className="trend-chart__bar"
                style={{ height: `${Math.max(point.value > 0 ? 2 : 0, (point.value / top) * 100)}%` }}
              />
            </View>
          ))}
        </View>
      </View>
      <View className="trend-chart__labels">
        {points.map((point, index) => (
          <Text key={point.day} className="trend-chart__label">
            {index % labelEvery === 0 || index === points.length - 1 ? point.day.slice(5) : ''}
          </Text>
        ))}
      </View>
    </View>
  );
}
