/**
 * One ECharts chart in either build. weapp: a `<canvas type="2d">` whose node ECharts draws on through
 * WeappCanvas, taps passed on as zrender pointer events. H5: a plain element ECharts fills with its own canvas.
 * The chart is made once the element exists and redrawn in place whenever `option` changes; no animation, so
 * what a screenshot or a test reads is the final picture.
 */
import { useEffect, useRef } from 'react';
import { Canvas, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CanvasTouchEvent } from '@tarojs/components/types/common';
import { echarts, type ChartInstance, type ChartOption } from './echarts-setup';
import { dispatchTap, WeappCanvas, type WeappCanvasNode } from './weapp-canvas';
import './echart.css';

export interface EChartProps {
  /** Unique on the page: the canvas (weapp) or the chart's element (H5) is found by it. */
  id: string;
  option: ChartOption;
  /** The category index under a tap inside the grid (bar charts). */
  onPick?: (index: number) => void;
  className?: string;
}

interface CanvasNodeAnswer {
  node?: WeappCanvasNode;
  width: number;
  height: number;
}

function weappCanvasNode(id: string): Promise<CanvasNodeAnswer | undefined> {
  return new Promise((resolve) => {
    try {
      Taro.createSelectorQuery()
        .select(`#${id}`)
        .fields({ node: true, size: true })
        .exec((answers: (CanvasNodeAnswer | null)[]) => resolve(answers?.[0]?.node ? answers[0] : undefined));
    } catch {
      resolve(undefined);
    }
  });
}

function pixelRatio(): number {
  try {
    return Taro.getWindowInfo().pixelRatio;
  } catch {
    return Taro.getSystemInfoSync().pixelRatio;
  }
}

async function makeChart(id: string): Promise<ChartInstance | undefined> {
  if (process.env.TARO_ENV === 'h5') {
    const element = document.getElementById(id);
    return element ? echarts.init(element, undefined, { renderer: 'canvas' }) : undefined;
  }
  const answer = await weappCanvasNode(id);
  if (!answer?.node || !answer.width || !answer.height) return undefined;
  const context = answer.node.getContext('2d');
  // zrender measures text with a canvas of its own, which a mini program cannot create: measure on this one.
  echarts.setPlatformAPI({
    measureText: (text, font) => {
      context.font = font ?? '12px sans-serif';
      return context.measureText(text);
    },
  });
  const canvas = new WeappCanvas(answer.node) as unknown as HTMLCanvasElement;
  return echarts.init(canvas, undefined, {
    width: answer.width,
    height: answer.height,
    devicePixelRatio: pixelRatio(),
  });
}

export default function EChart({ id, option, onPick, className }: EChartProps) {
  const chart = useRef<ChartInstance>();
  const latestOption = useRef(option);
  latestOption.current = option;
  const latestPick = useRef(onPick);
  latestPick.current = onPick;

  useEffect(() => {
    let gone = false;
    const onResize = () => chart.current?.resize();
    void makeChart(id).then((made) => {
      if (!made) return;
      if (gone) return made.dispose();
      chart.current = made;
      made.setOption(latestOption.current, true);
      made.getZr().on('click', (event) => {
        const point = [event.offsetX, event.offsetY];
        if (!latestPick.current || !made.containPixel('grid', point)) return;
        const [index] = made.convertFromPixel({ seriesIndex: 0 }, point) as number[];
        if (Number.isInteger(index)) latestPick.current(index);
      });
      if (process.env.TARO_ENV === 'h5') window.addEventListener('resize', onResize);
    });
    return () => {
      gone = true;
      if (process.env.TARO_ENV === 'h5') window.removeEventListener('resize', onResize);
      chart.current?.dispose();
      chart.current = undefined;
    };
  }, [id]);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  const classes = `echart ${className ?? ''}`;
  if (process.env.TARO_ENV === 'h5') return <View className={classes} id={id} />;
  const onTouchEnd = (event: CanvasTouchEvent) => {
    const touch = event.changedTouches?.[0];
    if (chart.current && touch) dispatchTap(chart.current, touch);
  };
  return <Canvas type="2d" className={classes} id={id} canvasId={id} onTouchEnd={onTouchEnd} />;
}
