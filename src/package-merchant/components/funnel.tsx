/**
 * The behaviour funnel: product views → cart adds → orders → paid, drawn by ECharts on a canvas, with each
 * step's count and its rate from the step before written out beneath it.
 */
import { useMemo } from 'react';
import { View, Text } from '@tarojs/components';
import type { FunnelFigures } from '@shop/types';
import EChart from '../charts/echart';
import { FUNNEL_STEPS, funnelOption } from '../charts/chart-options';
import { rateText } from './chart-scale';
import './funnel.css';

export default function Funnel({ figures, id }: { figures: FunnelFigures; id: string }) {
  const option = useMemo(() => funnelOption(figures), [figures]);
  return (
    <View className="funnel" id={id}>
      <EChart id={`${id}-canvas`} className="funnel__canvas" option={option} />
      <View className="funnel__steps">
        {FUNNEL_STEPS.map((step, index) => {
          const previous = index > 0 ? figures[FUNNEL_STEPS[index - 1].key] : undefined;
          return (
            <View key={step.key} className="funnel__step" id={`${id}-${step.key}`}>
              <View className="funnel__dot" style={{ background: step.color }} />
              <Text className="funnel__title">{step.title}</Text>
              <Text className="funnel__value">{figures[step.key]}</Text>
              <Text className="funnel__rate">
                {previous === undefined ? '' : rateText(figures[step.key], previous)}
              </Text>
            </View>
          );
        })}
      </View>
    </View>
  );
}
