/**
 * The workspace's trimmed ECharts: only the bar and funnel series, the grid, and the canvas renderer, so the
 * subpackage carries a fraction of the full library (see docs/dependencies.md). Nothing outside
 * package-merchant imports this, so none of it reaches the main package.
 */
import * as echarts from 'echarts/core';
import { BarChart, FunnelChart, type BarSeriesOption, type FunnelSeriesOption } from 'echarts/charts';
import { GridComponent, type GridComponentOption } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

echarts.use([BarChart, FunnelChart, GridComponent, CanvasRenderer]);

export type ChartOption = echarts.ComposeOption<BarSeriesOption | FunnelSeriesOption | GridComponentOption>;
export type ChartInstance = echarts.ECharts;
export { echarts };
