/**
 * Renders compiled pages of dist/weapp in miniprogram-simulate: the real output of the weapp build, with WeChat's
 * own WXML compiler, in jsdom. WeChat's globals (App, Page, getApp, wx) are stood in for here; a test drives
 * navigation itself. Cloud calls go to the real functions on a local cloud (`useCloud`, see shop-on-cloud.ts);
 * a test may answer them itself instead (`setCloudResponder`) to stage a failure. Nothing waits a fixed time:
 * `idle()` waits until no cloud call is in flight and the page has flushed, `waitFor` until a condition holds.
 */
import path from 'node:path';
import fs from 'node:fs';
import simulate from 'miniprogram-simulate';
import type { ShopOnCloud } from './shop-on-cloud';
import { createCanvasStandIn, type CanvasDrawing } from './canvas-2d';

export const WEAPP_DIR = path.resolve(__dirname, '..', '..', 'dist', 'weapp');

export type RenderedPage = ReturnType<typeof simulate.render>;
type Handler = (...args: unknown[]) => unknown;
type PageOptions = Record<string, unknown> & { data?: Record<string, unknown> };

interface CloudCall {
  name: string;
  data: Record<string, unknown>;
}

export type CloudResponder = (call: CloudCall) => unknown;

/** What the buyer does in WeChat's payment sheet: pay, close it, or have it fail. */
export type PaymentSheetAnswer = 'pay' | 'cancel' | 'fail';

export interface WeappHarness {
  /** Cloud function calls the pages made, in order. */
  cloudCalls: CloudCall[];
  /** Navigation requests the pages made (navigateTo, switchTab, redirectTo). */
  navigations: string[];
  /** How many pages each navigateBack asked to go back, in order. */
  backs: number[];
  toasts: string[];
  /** Title and text of every wx.showModal, in order; each is answered with 确定. */
  modals: { title: string; content: string }[];
  /** Parameters of every wx.requestPayment, in order. */
  payments: Record<string, unknown>[];
  /** The template ids of every wx.requestSubscribeMessage, in order; the buyer accepts every one. */
  subscribeAsks: string[][];
  /** The cloud paths of every wx.cloud.uploadFile, in order (stored in the local cloud's storage). */
  uploads: string[];
  /**
   * How wx.requestPayment answers from now on ('pay', success, until set). Under `useCloud`, 'pay' pays the
   * order in the cloud's payment sandbox before the sheet answers, as the buyer paying in WeChat would.
   */
  setPaymentSheet(answer: PaymentSheetAnswer): void;
  /** Text of the 购物车 tab badge as last set; undefined when removed or never set. */
  tabBadge(): string | undefined;
  setCloudResponder(responder: CloudResponder): void;
  /** Sends the pages' cloud calls to the real functions on `cloud`, as the buyer `openid`. */
  useCloud(cloud: ShopOnCloud, openid: string): void;
  /** Resolves once no cloud call is in flight and the pages have rendered what the answers changed. */
  idle(): Promise<void>;
  /** Forgets the calls, navigations, toasts and payments recorded so far: each test reads its own. */
  clearRecords(): void;
  renderPage(route: string, query?: Record<string, string>): Promise<RenderedPage>;
  /** What wx.chooseAddress answers from now on: an address of WeChat's book, or the buyer cancelling. */
  setWechatAddress(address: Record<string, string> | 'cancel'): void;
  /**
   * What wx.showActionSheet answers from now on: the item the buyer taps (by its text), or 'cancel'; the item
   * lists shown are recorded in `actionSheets`.
   */
  setActionSheetChoice(choice: string | 'cancel'): void;
  actionSheets: string[][];
  /** What the page drew on its `<canvas type="2d" id={id}>` (see canvas-2d.ts); undefined if never queried. */
  canvasDrawing(id: string): CanvasDrawing | undefined;
}

let appOptions: Record<string, Handler> | undefined;
let currentPages: unknown[] = [];

export function assertWeappBuilt(): void {
  if (!fs.existsSync(path.join(WEAPP_DIR, 'app.js'))) {
    throw new Error('dist/weapp is missing: run `npm run build:weapp` first');
  }
}

export function createWeappHarness(): WeappHarness {
  assertWeappBuilt();
  const cloudCalls: CloudCall[] = [];
  const navigations: string[] = [];
  const backs: number[] = [];
  const toasts: string[] = [];
  const modals: { title: string; content: string }[] = [];
  const payments: Record<string, unknown>[] = [];
  const subscribeAsks: string[][] = [];
  const uploads: string[] = [];
  let paymentSheet: PaymentSheetAnswer = 'pay';
  let cloudBuyer: { cloud: ShopOnCloud; openid: string } | undefined;
  let inFlight = 0;
  let tabBadge: string | undefined;
  let responder: CloudResponder = () => ({ ok: false, code: 'UNKNOWN_ACTION', message: 'no responder' });

  const succeed = (
    options: unknown,
    result: Record<string, unknown> = {},
  ): Promise<Record<string, unknown>> => {
    const callbacks = (options ?? {}) as { success?: Handler; complete?: Handler };
    const answer = { errMsg: 'ok', ...result };
    callbacks.success?.(answer);
    callbacks.complete?.(answer);
    return Promise.resolve(answer);
  };
  // As WeChat does: a call with callbacks is answered through them, one without gets a promise.
  const fail = (options: unknown, errMsg: string): Promise<never> | undefined => {
    const callbacks = (options ?? {}) as { success?: Handler; fail?: Handler; complete?: Handler };
    const answer = { errMsg };
    if (!callbacks.success && !callbacks.fail && !callbacks.complete) return Promise.reject(answer);
    callbacks.fail?.(answer);
    callbacks.complete?.(answer);
    return undefined;
  };
  const navigate = (options: unknown) => {
    navigations.push(String((options as { url?: string }).url));
    return succeed(options);
  };

  const storage = new Map<string, unknown>();
  let shownPage: RenderedPage | undefined;
  const canvases = createCanvasStandIn((id) =>
    /canvas/i.test(shownPage?.querySelector(`#${id}`)?.dom?.tagName ?? ''),
  );
  let wechatAddress: Record<string, string> | 'cancel' = 'cancel';
  let actionSheetChoice: string = 'cancel';
  const actionSheets: string[][] = [];
  const wxStub: Record<string, unknown> = {
    chooseAddress: (options: unknown) =>
      wechatAddress === 'cancel'
        ? fail(options, 'chooseAddress:fail cancel')
        : succeed(options, { errMsg: 'chooseAddress:ok', ...wechatAddress }),
    getSystemInfoSync: () => ({
      windowWidth: 375,
      windowHeight: 667,
      screenWidth: 375,
      pixelRatio: 2,
      platform: 'devtools',
      SDKVersion: '3.7.0',
    }),
    getWindowInfo: () => ({ windowWidth: 375, windowHeight: 667, screenWidth: 375, pixelRatio: 2 }),
    getSystemInfo: (options: unknown) => succeed(options, { windowWidth: 375, windowHeight: 667 }),
    getMenuButtonBoundingClientRect: () => ({
      top: 24,
      bottom: 56,
      left: 281,
      right: 368,
      width: 87,
      height: 32,
    }),
    navigateTo: navigate,
    redirectTo: navigate,
    switchTab: navigate,
    reLaunch: navigate,
    navigateBack: (options: unknown) => {
      backs.push((options as { delta?: number } | undefined)?.delta ?? 1);
      return succeed(options);
    },
    showToast: (options: unknown) => {
      toasts.push(String((options as { title?: string }).title));
      return succeed(options);
    },
    showLoading: succeed,
    hideLoading: succeed,
    showModal: (options: unknown) => {
      const { title = '', content = '' } = (options ?? {}) as { title?: string; content?: string };
      modals.push({ title, content });
      return succeed(options, { confirm: true, cancel: false });
    },
    showActionSheet: (options: unknown) => {
      const items = ((options as { itemList?: string[] }).itemList ?? []).map(String);
      actionSheets.push(items);
      const tapIndex = items.indexOf(actionSheetChoice);
      return tapIndex < 0
        ? fail(options, 'showActionSheet:fail cancel')
        : succeed(options, { errMsg: 'showActionSheet:ok', tapIndex });
    },
    stopPullDownRefresh: succeed,
    requestPayment: async (options: unknown) => {
      const { success: _s, fail: _f, complete: _c, ...params } = (options ?? {}) as Record<string, unknown>;
      payments.push(params);
      if (paymentSheet === 'cancel') return fail(options, 'requestPayment:fail cancel');
      if (paymentSheet === 'fail') return fail(options, 'requestPayment:fail (detail message)');
      if (cloudBuyer) {
        inFlight += 1;
        try {
          const status = await cloudBuyer.cloud.paymentSheet('pay', params, cloudBuyer.openid);
          if (status !== 200) return fail(options, `requestPayment:fail sandbox answered ${status}`);
        } finally {
          inFlight -= 1;
        }
      }
      return succeed(options, { errMsg: 'requestPayment:ok' });
    },
    requestSubscribeMessage: (options: unknown) => {
      const tmplIds = ((options as { tmplIds?: string[] }).tmplIds ?? []).map(String);
      subscribeAsks.push(tmplIds);
      return succeed(options, Object.fromEntries(tmplIds.map((id) => [id, 'accept'])));
    },
    setNavigationBarTitle: succeed,
    setTabBarBadge: (options: unknown) => {
      tabBadge = String((options as { text?: string }).text);
      return succeed(options);
    },
    removeTabBarBadge: (options: unknown) => {
      tabBadge = undefined;
      return succeed(options);
    },
    createSelectorQuery: () => canvases.createSelectorQuery(),
    getStorageSync: (key: string) => storage.get(key) ?? '',
    setStorageSync: (key: string, value: unknown) => void storage.set(key, value),
    removeStorageSync: (key: string) => void storage.delete(key),
    nextTick: (fn: () => void) => setTimeout(fn, 0),
    canIUse: () => true,
    getUpdateManager: () => ({
      onCheckForUpdate() {},
      onUpdateReady() {},
      onUpdateFailed() {},
      applyUpdate() {},
    }),
    onAppRoute: () => undefined,
    onNetworkStatusChange: () => undefined,
    cloud: {
      init: () => undefined,
      // As wx.cloud.uploadFile: the file at filePath (bytes read from disk) stored at cloudPath in the local cloud's
      // storage, as the buyer the pages call as.
      uploadFile: async (options: { cloudPath: string; filePath: string }) => {
        if (!cloudBuyer) throw new Error('uploadFile needs useCloud(...)');
        uploads.push(options.cloudPath);
        inFlight += 1;
        try {
          const answer = await cloudBuyer.cloud.upload(
            options.cloudPath,
            fs.readFileSync(options.filePath),
            cloudBuyer.openid,
          );
          if (!answer.fileID) throw { errMsg: `cloud.uploadFile:fail ${answer.errMsg ?? 'no file ID'}` };
          return { errMsg: 'cloud.uploadFile:ok', fileID: answer.fileID, statusCode: 200 };
        } finally {
          inFlight -= 1;
        }
      },
      callFunction: async (options: { name: string; data: Record<string, unknown> }) => {
        cloudCalls.push({ name: options.name, data: options.data });
        inFlight += 1;
        try {
          const result = await responder({ name: options.name, data: options.data });
          return { errMsg: 'cloud.callFunction:ok', result };
        } finally {
          inFlight -= 1;
        }
      },
    },
  };
  const g = globalThis as unknown as Record<string, unknown>;
  g.wx = wxStub;
  g.App = (options: Record<string, Handler>) => {
    appOptions = options;
  };
  g.getApp = () => appOptions;
  g.getCurrentPages = () => currentPages;
  g.requirePlugin = () => ({});
  g.Page = (options: PageOptions) => {
    const methods: Record<string, Handler> = {};
    for (const [key, value] of Object.entries(options)) {
      if (typeof value === 'function') methods[key] = value as Handler;
    }
    const componentOptions = {
      data: options.data ?? {},
      methods,
      lifetimes: {
        attached(this: Record<string, Handler | unknown>) {
          const self = this as Record<string, unknown> & { onLoad?: Handler; onShow?: Handler };
          self.route = pendingRoute.route;
          self.__route__ = pendingRoute.route;
          self.options = pendingRoute.query;
          currentPages = [self];
          self.onLoad?.call(self, pendingRoute.query);
          self.onShow?.call(self);
        },
        ready(this: { onReady?: Handler }) {
          this.onReady?.call(this);
        },
        detached(this: { onUnload?: Handler }) {
          this.onUnload?.call(this);
        },
      },
    };
    (g.Component as (options: unknown) => void)(componentOptions);
  };

  // eslint-disable-next-line @typescript-eslint/no-require-imports
  require(path.join(WEAPP_DIR, 'app.js'));
  appOptions?.onLaunch?.call(appOptions, { path: 'pages/index/index', query: {}, scene: 1001 });
  appOptions?.onShow?.call(appOptions, { path: 'pages/index/index', query: {}, scene: 1001 });

  const loadedPages = new Map<string, string>();
  const pendingRoute = { route: '', query: {} as Record<string, string> };
  return {
    cloudCalls,
    navigations,
    backs,
    toasts,
    modals,
    payments,
    subscribeAsks,
    uploads,
    setPaymentSheet(answer) {
      paymentSheet = answer;
    },
    tabBadge: () => tabBadge,
    setCloudResponder(next) {
      responder = next;
    },
    useCloud(cloud, openid) {
      cloudBuyer = { cloud, openid };
      responder = ({ name, data }) => cloud.call(name, data, openid);
    },
    idle: () => idle(() => inFlight),
    setWechatAddress(address) {
      wechatAddress = address;
    },
    setActionSheetChoice(choice) {
      actionSheetChoice = choice;
    },
    actionSheets,
    canvasDrawing: (id) => canvases.drawing(id),
    clearRecords() {
      for (const records of [
        cloudCalls,
        navigations,
        backs,
        toasts,
        modals,
        payments,
        subscribeAsks,
        uploads,
        actionSheets,
      ] as unknown[][])
        records.length = 0;
    },
    async renderPage(route, query = {}) {
      pendingRoute.route = route;
      pendingRoute.query = query;
      // A page's module runs once per test file (require caches it), so its component id is reused.
      const id =
        loadedPages.get(route) ?? simulate.load(path.join(WEAPP_DIR, route), { rootPath: WEAPP_DIR });
      loadedPages.set(route, id);
      const page = simulate.render(id);
      shownPage = page;
      page.attach(document.createElement('parent-wrapper'));
      await idle(() => inFlight);
      return page;
    },
  };
}

/** One turn of the event loop: React commits and Taro flushes its batched setData on such turns. */
function turn(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/** A quiet page: this many turns in a row with no cloud call in flight. */
const QUIET_TURNS = 10;
/** Only a hung call gets here; a test waits for conditions, not for time. */
const GIVE_UP_TURNS = 20_000;

let currentInFlight: () => number = () => 0;

/** Waits until no cloud call is in flight for a few turns: the answers arrived and the page rendered them. */
async function idle(inFlight: () => number): Promise<void> {
  currentInFlight = inFlight;
  let quiet = 0;
  for (let turns = 0; quiet < QUIET_TURNS; turns += 1) {
    if (turns > GIVE_UP_TURNS) throw new Error('a cloud call never answered');
    await turn();
    quiet = inFlight() === 0 ? quiet + 1 : 0;
  }
}

/** Lets the pages settle after something a test did to them (a tap, a lifecycle call): see idle(). */
export function settle(): Promise<void> {
  return idle(currentInFlight);
}

/** Waits until `condition` holds, letting the pages and the cloud work meanwhile. */
export async function waitFor(condition: () => boolean, what: string): Promise<void> {
  for (let turns = 0; !condition(); turns += 1) {
    if (turns > GIVE_UP_TURNS) throw new Error(`gave up waiting for ${what}`);
    await turn();
  }
}

/** Text content of the rendered page, whitespace collapsed: what a buyer would read. */
export function textOf(node: { dom?: Element }): string {
  return (node.dom?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** What the buyer reads in the node `selector` names. */
export function text(page: RenderedPage, selector: string): string {
  const node = page.querySelector(selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  return textOf(node);
}

/** Types `value` into the input `selector` names (built-in inputs are shells: their input event), and lets the page settle. */
export async function typeInto(page: RenderedPage, selector: string, value: string): Promise<void> {
  const node = page.querySelector(selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  node.dispatchEvent('input', { detail: { value } });
  await settle();
}

/** Taps the node `selector` names, as a finger would, and lets the page settle. */
export async function tap(page: RenderedPage, selector: string): Promise<void> {
  const node = page.querySelector(selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  node.dispatchEvent('tap');
  await settle();
}

interface TaroDataNode {
  nn?: string;
  uid?: string;
  [key: string]: unknown;
}

function findDataNode(tree: unknown, id: string): TaroDataNode | undefined {
  if (!tree || typeof tree !== 'object') return undefined;
  if ((tree as TaroDataNode).uid === id) return tree as TaroDataNode;
  for (const child of Object.values(tree)) {
    const found = findDataNode(child, id);
    if (found) return found;
  }
  return undefined;
}

/**
 * A property of a built-in component (an image's `src`, a page-container's `show`) as the page renders it.
 * Built-ins are shells in miniprogram-simulate, so this reads Taro's page data, where properties sit under short
 * keys that the build's base.wxml maps to attribute names.
 */
export function propertyOf(page: RenderedPage, id: string, attribute: string): unknown {
  const node = findDataNode((page.instance as unknown as { data: unknown }).data, id);
  if (!node) throw new Error(`no node #${id} in the page data`);
  const templates = fs.readFileSync(path.join(WEAPP_DIR, 'base.wxml'), 'utf8');
  const start = templates.indexOf(`<template name="tmpl_0_${node.nn}">`);
  if (start < 0) throw new Error(`no template for node #${id}`);
  const template = templates.slice(start, templates.indexOf('</template>', start));
  const key = new RegExp(`\\s${attribute}="\\{\\{(?:xs\\.b\\()?i\\.(p\\d+)`).exec(template)?.[1];
  if (!key) throw new Error(`#${id} has no attribute ${attribute}`);
  return node[key];
}
