/**
 * WeChat's `<canvas type="2d">` for pages in miniprogram-simulate, where built-in components are shells: a
 * `createSelectorQuery` that answers `fields({ node, size })` with a stand-in canvas node for every canvas the
 * rendered page really has, whose 2d context records what is drawn on it (the texts, how many shapes filled).
 * Charts drawn by the compiled pages (ECharts in the workspace) can then be read by a test.
 */

export interface CanvasDrawing {
  /** Every fillText, in order. */
  texts: string[];
  /** fill() and fillRect() calls: shapes painted. */
  fills: number;
  /** The node's size in device pixels, as the chart set it. */
  width: number;
  height: number;
}

export interface CanvasStandIn {
  createSelectorQuery(): unknown;
  /** What was drawn on the canvas `id` since it was first queried (undefined: never queried). */
  drawing(id: string): CanvasDrawing | undefined;
  clear(): void;
}

/** The size a chart's canvas lays out at on a 375 px wide phone. */
const LAYOUT = { width: 327, height: 160 };

function recordingContext(drawing: CanvasDrawing): object {
  const state: Record<string | symbol, unknown> = { font: '10px sans-serif' };
  return new Proxy(state, {
    get(target, key) {
      if (key === 'measureText') return (text: string) => ({ width: String(text).length * 6 });
      if (key === 'createLinearGradient' || key === 'createRadialGradient' || key === 'createPattern')
        return () => ({ addColorStop: () => undefined });
      if (key === 'getImageData') return () => ({ data: new Uint8ClampedArray(4) });
      if (key === 'getLineDash') return () => [];
      if (key in target) return target[key];
      return (...args: unknown[]) => {
        if (key === 'fillText') drawing.texts.push(String(args[0]));
        if (key === 'fill' || key === 'fillRect') drawing.fills += 1;
      };
    },
    set(target, key, value) {
      target[key] = value;
      return true;
    },
  });
}

/** `hasCanvas(id)`: whether the page on screen renders a canvas with that id. */
export function createCanvasStandIn(hasCanvas: (id: string) => boolean): CanvasStandIn {
  const drawings = new Map<string, CanvasDrawing>();
  const nodeFor = (id: string) => {
    const drawing: CanvasDrawing = { texts: [], fills: 0, width: 0, height: 0 };
    drawings.set(id, drawing);
    const context = recordingContext(drawing);
    return {
      get width() {
        return drawing.width;
      },
      set width(value: number) {
        drawing.width = value;
      },
      get height() {
        return drawing.height;
      },
      set height(value: number) {
        drawing.height = value;
      },
      getContext: (type: string) => (type === '2d' ? context : null),
    };
  };
  return {
    createSelectorQuery() {
      const selectors: string[] = [];
      const query = {
        in: () => query,
        select(selector: string) {
          selectors.push(selector);
          return query;
        },
        fields: () => query,
        boundingClientRect: () => query,
        exec(callback?: (answers: unknown[]) => void) {
          const answers = selectors.map((selector) => {
            const id = selector.replace(/^#/, '');
            return hasCanvas(id) ? { node: nodeFor(id), ...LAYOUT } : null;
          });
          setTimeout(() => callback?.(answers), 0);
        },
      };
      return query;
    },
    drawing: (id) => drawings.get(id),
    clear: () => drawings.clear(),
  };
}
