/**
 * What ECharts needs of a canvas, made from a WeChat `<canvas type="2d">` node: its 2d context, its size in
 * device pixels, and no-op DOM event hooks (WeChat has no DOM events; touches are passed on by the chart
 * component instead). The same adapter as ECharts' official mini program component (echarts-for-weixin).
 */
import type { ChartInstance } from './echarts-setup';

/** The part of WeChat's Canvas node used here. */
export interface WeappCanvasNode {
  width: number;
  height: number;
  getContext(type: '2d'): CanvasRenderingContext2D;
}

export class WeappCanvas {
  constructor(private readonly node: WeappCanvasNode) {}

  getContext(type: string): CanvasRenderingContext2D | null {
    return type === '2d' ? this.node.getContext('2d') : null;
  }

  get width(): number {
    return this.node.width;
  }
  set width(value: number) {
    this.node.width = value;
  }
  get height(): number {
    return this.node.height;
  }
  set height(value: number) {
    this.node.height = value;
  }

  // zrender hooks DOM events on its root; a mini program canvas has none.
  addEventListener(): void {}
  removeEventListener(): void {}
  attachEvent(): void {}
  detachEvent(): void {}
}

/** A touch on a mini program canvas: `x`/`y` are relative to the canvas itself. */
export interface CanvasTouch {
  x: number;
  y: number;
}

/** A tap on the canvas as zrender's pointer events, so ECharts' own click handling (and ours) runs. */
export function dispatchTap(chart: ChartInstance, touch: CanvasTouch): void {
  const handler = chart.getZr().handler;
  const event = {
    zrX: touch.x,
    zrY: touch.y,
    preventDefault: () => undefined,
    stopImmediatePropagation: () => undefined,
    stopPropagation: () => undefined,
  };
  for (const name of ['mousemove', 'mousedown', 'mouseup', 'click'] as const) handler.dispatch(name, event);
}
