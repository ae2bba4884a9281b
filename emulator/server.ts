/**
 * The local cloud's HTTP server: one port serves the CloudBase endpoint (/admin) that wx-server-sdk talks to,
 * the function bridge of the H5 build (/functions/<name>), HTTP access of functions (/http/<name>),
 * statistics (/_/stats), the WeChat Pay sandbox (/v3/..., /_/paysandbox/... and cloudPay's wx.wxPayApi on
 * /admin), product images (/assets) and the static H5 shop. Routes are thin: each parses the request, calls one
 * module and shapes the answer.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { createAdminContext, handleAdminRequest, INVOCATION_QUERY_PARAM, type AdminContext } from './admin';
import { answerInvokeFunction, INVOKE_FUNCTION_ACTION } from './runtime/call-function-action';
import {
  FunctionRuntime,
  newRequestId,
  type InvocationError,
  type InvocationResult,
} from './runtime/function-runtime';
import { httpAccessAnswer, httpAccessEvent } from './runtime/http-access';
import { clientAddress, headerValue, PayloadTooLargeError, readBody, sendJson } from './runtime/http-io';
import type { CloudIdentity } from './runtime/invocation-env';
import { TimerTriggers } from './runtime/timer-triggers';
import { createCloudClock, type ClockKind, type CloudClock } from './runtime/cloud-clock';
import {
  createPaySandbox,
  readWxPayApiForm,
  sandboxCloudPayEnv,
  sandboxPaymentEnv,
  WX_PAY_API_ACTION,
  type PaySandbox,
  type SandboxResponse,
  type WxPayApiRequest,
} from './paysandbox';
import { CloudCalls, WX_OPEN_API_ACTION } from './cloudcalls/cloud-calls';
import { parseMultipartForm } from './paysandbox';
import { serveStatic } from './static';
import { CloudStats } from './stats';
import { LocalStorage } from './storage';

export interface LocalCloudOptions {
  /** 0 picks a free port. */
  port: number;
  host?: string;
  /** Folder of the durable database and of generated keys (default .cloud/). */
  dataDir: string;
  /** Folder of the built functions (the project's cloudfunctionRoot). Without it no function can be invoked. */
  functionsDir?: string;
  /** Folder of the H5 build to serve at / (dist/h5). */
  staticDir?: string;
  /** Folder served at /assets/: product images standing in for cloud storage. */
  assetsDir?: string;
  /** Wipe the data folder before starting. */
  reset?: boolean;
  /** JSON file of { collectionName: documents[] } loaded into an empty database. */
  seedFile?: string;
  /**
   * The project's declared collections (`{ "collections": [{ "name" }] }`, the shop's database/collections.json):
   * created at start, the only ones a seed may fill. Without it only the seed's collections exist.
   */
  collectionsFile?: string;
  /** Log nothing (tests). */
  quiet?: boolean;
  /** Where log lines go when not quiet (default: stdout). */
  log?: (line: string) => void;
  /** Cloud environment id: getWXContext().ENV and the SDK's DYNAMIC_CURRENT_ENV (default "local"). */
  envId?: string;
  /** The mini program's AppID given to bridge calls that send no x-wx-appid header. */
  appId?: string;
  /** Fire the timer triggers of config.json (default true). */
  timers?: boolean;
  /** Instances per function at most (default 8). */
  maxInstancesPerFunction?: number;
  /** Idle instances are stopped after this long (default 5 minutes). */
  idleInstanceMs?: number;
  /**
   * Environment variables given to every function, as configured for functions in the cloud console. They win
   * over the payment configuration the local cloud sets (PAY_*), so one variable can be changed for a test.
   */
  functionEnv?: Record<string, string>;
  /**
   * How the functions pay, both against the local WeChat Pay sandbox (default 'sandbox'): 'sandbox' is the v3
   * merchant API with notifications POSTed to /http/payNotify; 'cloudpay' is cloud.cloudPay (wx.wxPayApi) with
   * results sent to the payCallback function.
   */
  paymentMode?: LocalPaymentMode;
  /**
   * 'system' (default) or 'test': a clock tests move forward with `clock.advance(ms)` (or POST
   * /_/clock/advance), which the database, the pay sandbox, the timer triggers and the functions all follow.
   * Under it timer triggers fire only when the clock is moved past them.
   */
  clock?: ClockKind;
}

export type LocalPaymentMode = 'sandbox' | 'cloudpay';

export const LOCAL_PAYMENT_MODES: readonly LocalPaymentMode[] = ['sandbox', 'cloudpay'];

/** The function WeChat Pay's v3 notifications reach over HTTP access (PAY_NOTIFY_URL = <url>/http/<it>). */
export const PAY_NOTIFY_FUNCTION = 'payNotify';
/** The function cloudPay invokes with a payment's result (PAY_CALLBACK_FUNCTION). */
export const PAY_CALLBACK_FUNCTION = 'payCallback';

export interface LocalCloud {
  url: string;
  port: number;
  runtime: FunctionRuntime;
  stats: CloudStats;
  /** The WeChat Pay sandbox the functions pay against (tests pay, fail and flush notifications with it). */
  paySandbox: PaySandbox;
  /** Every cloud call (cloudPay, openapi) the functions made, also served at GET /_/cloudcalls. */
  cloudCalls: CloudCalls;
  /** What the functions' PAY_* variables select: 'sandbox' (v3) or 'cloudpay'. */
  paymentMode: LocalPaymentMode;
  /** The cloud's now; a test clock can be moved forward. */
  clock: CloudClock;
  /** "function/trigger cron" of the timers in force (empty when timers are off). */
  timers(): string[];
  close(): Promise<void>;
}

export const DEFAULT_APPID = 'wx0000000000000000';

/** Headers a page on another origin (the H5 dev server) may send to the bridge. */
const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type, x-wx-openid, x-wx-appid, x-wx-unionid',
  'access-control-expose-headers': 'x-request-id, x-function-duration-ms, x-cold-start',
  'access-control-max-age': '600',
};

interface Routes {
  options: LocalCloudOptions;
  admin: AdminContext;
  runtime: FunctionRuntime;
  stats: CloudStats;
  cloud: CloudIdentity;
  clock: CloudClock;
  storage: LocalStorage;
  /** Set once the port is known; nothing reaches a route before that. */
  paySandbox?: PaySandbox;
  cloudCalls: CloudCalls;
}

/** Pending connections the kernel may queue before accept (it caps this at net.core.somaxconn). */
const LISTEN_BACKLOG = 4096;

/**
 * Idle keep-alive connections are kept longer than clients keep theirs (undici: 4 s), so a client never
 * sends on a socket the server is closing (which it would see as a reset); headers must arrive within
 * that too (Node wants headersTimeout above keepAliveTimeout).
 */
const SERVER_TIMEOUTS: http.ServerOptions = {
  keepAliveTimeout: 65_000,
  headersTimeout: 66_000,
};

export async function startLocalCloud(options: LocalCloudOptions): Promise<LocalCloud> {
  const log = options.quiet ? undefined : (options.log ?? ((line: string) => console.log(line)));
  const paymentMode = options.paymentMode ?? 'sandbox';
  if (!LOCAL_PAYMENT_MODES.includes(paymentMode))
    throw new Error(
      `paymentMode must be one of ${LOCAL_PAYMENT_MODES.join(', ')}, not "${String(paymentMode)}"`,
    );
  const clock = createCloudClock(options.clock ?? 'system');
  const admin = await createAdminContext(options, clock.now);
  const stats = new CloudStats();
  // The URL is known once the port is; no instance starts before that.
  let baseUrl = '';
  const cloud: CloudIdentity = {
    envId: options.envId ?? 'local',
    region: 'ap-shanghai',
    // The SDK appends "env=..&seqId=.." to a URL that already has a query, so the invocation id survives.
    adminUrl: (invocationId) =>
      invocationId ? `${baseUrl}/admin?${INVOCATION_QUERY_PARAM}=${invocationId}&` : `${baseUrl}/admin`,
    functionEnv: options.functionEnv ?? {},
    clockOffsetMs: () => (clock.kind === 'test' ? clock.offsetMs() : undefined),
  };
  const runtime = new FunctionRuntime({
    functionsDir: options.functionsDir,
    cloud,
    stats,
    maxInstancesPerFunction: options.maxInstancesPerFunction,
    idleTimeoutMs: options.idleInstanceMs,
    log,
  });
  connectRuntimeToAdmin(admin, runtime, stats);
  const storage = new LocalStorage({
    dataDir: options.dataDir,
    envId: cloud.envId,
    baseUrl: () => baseUrl,
    now: clock.now,
  });
  storage.register(admin);
  const routes: Routes = {
    options,
    admin,
    runtime,
    stats,
    cloud,
    clock,
    storage,
    cloudCalls: new CloudCalls(runtime, () => routes.paySandbox),
  };
  const inFlight = new Set<Promise<void>>();
  const server = http.createServer(SERVER_TIMEOUTS, (req, res) => {
    const handled = route(routes, req, res).catch((error: unknown) => answerFailure(res, error, log));
    inFlight.add(handled);
    void handled.finally(() => inFlight.delete(handled));
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      // Buyers arrive all at once in a sale: connections wait in the kernel's queue (capped by
      // net.core.somaxconn) instead of being dropped past Node's default of 511.
      server.listen(
        { port: options.port, host: options.host ?? '127.0.0.1', backlog: LISTEN_BACKLOG },
        () => {
          server.off('error', reject);
          resolve();
        },
      );
    });
  } catch (error) {
    await runtime.close();
    await admin.close();
    throw error;
  }
  const port = (server.address() as AddressInfo).port;
  const host =
    !options.host || options.host === '0.0.0.0' || options.host === '::' ? '127.0.0.1' : options.host;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // Made once the port is known: notifications owed from the last run resume at once, and the functions they
  // reach must see the payment configuration, which names the port. Synchronous from the listen callback to
  // here, so no request has reached a route before the sandbox is mounted.
  let paySandbox: PaySandbox;
  try {
    paySandbox = mountPaySandbox(options, runtime, clock, log);
  } catch (error) {
    server.close();
    await runtime.close();
    await admin.close();
    throw error;
  }
  routes.paySandbox = paySandbox;
  cloud.functionEnv = {
    ...paymentEnv(paySandbox, paymentMode, baseUrl, options.appId ?? DEFAULT_APPID, cloud.envId),
    ...options.functionEnv,
  };
  const timers =
    options.timers !== false && options.functionsDir
      ? new TimerTriggers(runtime.catalog, runtime, log, clock)
      : undefined;
  timers?.start();
  let closing: Promise<void> | undefined;
  return {
    url: baseUrl,
    port,
    runtime,
    stats,
    paySandbox,
    cloudCalls: routes.cloudCalls,
    paymentMode,
    clock,
    timers: () => timers?.describe() ?? [],
    close: () =>
      (closing ??= (async () => {
        timers?.stop();
        // Cancels the retry timers now; a notification mid-flight ends when the server and instances go.
        const paySandboxClosed = paySandbox.close();
        const instancesStopped = runtime.close();
        const closed = new Promise<void>((resolve) => server.close(() => resolve()));
        server.closeAllConnections();
        await closed;
        // Let handlers that were mid-request finish with the database before it closes.
        await Promise.race([
          Promise.allSettled([...inFlight]),
          new Promise((resolve) => setTimeout(resolve, 2000).unref()),
        ]);
        await paySandboxClosed;
        await instancesStopped;
        await admin.close();
      })()),
  };
}

async function route(routes: Routes, req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://local');
  const path = url.pathname;
  const method = req.method ?? 'GET';

  if (path === '/admin' && method === 'POST') {
    // Keeping one byte over the endpoint's limit is enough for it to answer the cloud's EXCEED_MAX_PAYLOAD_SIZE.
    const body = await readBody(req, routes.admin.bodyLimitBytes + 1, 'truncate');
    // cloud.cloudPay.* arrives as multipart/form-data, which the JSON handler would refuse.
    const payCall = readWxPayApiForm(body, req.headers['content-type']);
    if (payCall) return wxPayApiRoute(routes, res, payCall, url.searchParams);
    const openApiCall = readOpenApiForm(body, req.headers['content-type']);
    if (openApiCall) return openApiRoute(routes, res, openApiCall, url.searchParams);
    const answer = await handleAdminRequest(routes.admin, body, url.searchParams);
    return sendJson(res, answer.status, answer.body);
  }

  // Mounted at the root: v3 signatures cover the request target byte for byte.
  if (routes.paySandbox?.handles(path)) {
    const body = await readBody(req);
    const answer = await routes.paySandbox.handle({
      method,
      path: req.url ?? path,
      headers: req.headers,
      body,
    });
    return sendRaw(res, answer, method);
  }

  const functionPath = /^\/functions\/([^/]+)\/?$/.exec(path);
  if (functionPath) {
    if (method === 'OPTIONS') return answerPreflight(res);
    if (method === 'POST') return functionBridgeRoute(routes, req, res, decodeURIComponent(functionPath[1]));
    return sendJson(
      res,
      405,
      { errCode: -501007, errMsg: 'use POST /functions/<name> with the event as JSON' },
      CORS_HEADERS,
    );
  }

  const httpPath = /^\/http\/([^/]+)(\/.*)?$/.exec(path);
  if (httpPath) return httpAccessRoute(routes, req, res, url, decodeURIComponent(httpPath[1]));

  if (path === '/_/stats' || path === '/_/stats/reset') {
    if (method === 'OPTIONS') return answerPreflight(res);
    return statsRoute(routes, res, url, method);
  }
  if (path === '/_/cloudcalls' && method === 'GET') {
    const since = url.searchParams.get('since');
    return sendJson(
      res,
      200,
      {
        calls: routes.cloudCalls.log.list({
          name: url.searchParams.get('name') ?? undefined,
          functionName: url.searchParams.get('function') ?? undefined,
          since: since === null ? undefined : Number(since),
        }),
      },
      CORS_HEADERS,
    );
  }
  if (routes.storage.handles(path)) return routes.storage.handle(req, res, url);
  if (path === '/_/health' && method === 'GET') return sendJson(res, 200, { ok: true }, CORS_HEADERS);
  if (path === '/_/clock' || path === '/_/clock/advance') return clockRoute(routes, req, res, path, method);

  if (path.startsWith('/assets/') && routes.options.assetsDir) {
    const served = await serveStatic(req, res, routes.options.assetsDir, path.slice('/assets/'.length), {
      cacheControl: 'public, max-age=300',
    });
    if (!served) sendJson(res, 404, { code: 'NOT_FOUND', message: `no asset ${path}` });
    return;
  }
  if (
    routes.options.staticDir &&
    (await serveStatic(req, res, routes.options.staticDir, path, { appFallback: true }))
  )
    return;

  const hint = routes.options.staticDir ? '' : ' (no H5 build is served: start with --static dist/h5)';
  sendJson(res, 404, { code: 'NOT_FOUND', message: `no route for ${method} ${path}${hint}` });
}

/**
 * The runtime's side of /admin: cloud.callFunction's action, and database requests counted per action and
 * attributed to the invocation that sent them (its id is in the query of the URL the SDK was given).
 */
function connectRuntimeToAdmin(admin: AdminContext, runtime: FunctionRuntime, stats: CloudStats): void {
  admin.actions.set(INVOKE_FUNCTION_ACTION, async (request) => {
    const startedAt = performance.now();
    try {
      const answer = await answerInvokeFunction(runtime, request);
      stats.recordAdminRequest(INVOKE_FUNCTION_ACTION, performance.now() - startedAt, true);
      return answer;
    } catch (error) {
      stats.recordAdminRequest(INVOKE_FUNCTION_ACTION, performance.now() - startedAt, false);
      throw error;
    }
  });
  admin.onDatabaseAction((event) => {
    stats.recordAdminRequest(event.action, event.durationMs, event.ok);
    if (event.invocationId) runtime.noteAdminRequest(event.invocationId, event.action);
  });
}

/**
 * The sandbox of one local cloud. Its notifications reach the functions as WeChat Pay's do: v3 over HTTP (to
 * this server's /http/payNotify), cloudPay by invoking the callback function with SOURCE wx_paycallback.
 */
function mountPaySandbox(
  options: LocalCloudOptions,
  runtime: FunctionRuntime,
  clock: CloudClock,
  log: ((line: string) => void) | undefined,
): PaySandbox {
  const appid = options.appId ?? DEFAULT_APPID;
  return createPaySandbox({
    clock: () => new Date(clock.now()),
    dataDir: options.dataDir,
    appid,
    notify: async (url, headers, body) => {
      const response = await fetch(url, { method: 'POST', headers, body, signal: AbortSignal.timeout(5000) });
      // Read to the end so the connection is released; WeChat Pay ignores the answer's body.
      await response.arrayBuffer();
      return { status: response.status };
    },
    invokeFunction: async (name, event, { SOURCE }) => {
      const result = await runtime.invoke({
        functionName: name,
        event,
        caller: { source: SOURCE, appid },
        trigger: 'payCallback',
      });
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
      return result.result;
    },
    log,
  });
}

/** The PAY_* variables of the chosen mode, for the sandbox's keys and this server's address. */
function paymentEnv(
  paySandbox: PaySandbox,
  mode: LocalPaymentMode,
  baseUrl: string,
  appid: string,
  envId: string,
): Record<string, string> {
  if (mode === 'cloudpay')
    return sandboxCloudPayEnv(paySandbox.keys, { appid, envId, callbackFunction: PAY_CALLBACK_FUNCTION });
  return sandboxPaymentEnv(paySandbox.keys, {
    appid,
    baseUrl,
    notifyUrl: `${baseUrl}/http/${PAY_NOTIFY_FUNCTION}`,
  });
}

/**
 * POST /admin with wx.wxPayApi: cloudPay in the sandbox. The buyer and the mini program are those of the
 * invocation that called, as cloudPay takes them from the calling function's context.
 */
async function wxPayApiRoute(
  routes: Routes,
  res: http.ServerResponse,
  call: WxPayApiRequest,
  query: URLSearchParams,
): Promise<void> {
  if (!routes.paySandbox) throw new Error('the pay sandbox is not mounted yet');
  const invocationId = query.get(INVOCATION_QUERY_PARAM) ?? undefined;
  const caller = invocationId ? routes.runtime.callerOf(invocationId) : undefined;
  const args = requestDataOf(call.requestData);
  const refusal = routes.cloudCalls.refuseCloudPay(call.apiName, args, invocationId);
  if (refusal) {
    if (invocationId) routes.runtime.noteAdminRequest(invocationId, WX_PAY_API_ACTION);
    return sendRaw(res, refusal, 'POST');
  }
  const startedAt = performance.now();
  let answer: SandboxResponse | undefined;
  try {
    answer = await routes.paySandbox.handleWxPayApi({
      ...call,
      callerAppid: caller?.appid,
      callerOpenid: caller?.openid,
    });
  } finally {
    routes.stats.recordAdminRequest(WX_PAY_API_ACTION, performance.now() - startedAt, answer !== undefined);
    if (invocationId) routes.runtime.noteAdminRequest(invocationId, WX_PAY_API_ACTION);
  }
  routes.cloudCalls.recordCloudPay(call.apiName, invocationId, args, answer.body);
  // As it is: a content type of exactly "application/json; charset=utf-8" would make the SDK misread it.
  sendRaw(res, answer, 'POST');
}

function requestDataOf(requestData: WxPayApiRequest['requestData']): unknown {
  if (!Buffer.isBuffer(requestData) && typeof requestData !== 'string') return requestData;
  const text = requestData.toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

interface OpenApiForm {
  apiName: string;
  requestData: Buffer;
}

/** The wx.openApi call (`cloud.openapi.*`) in a multipart /admin body, or undefined for any other body. */
function readOpenApiForm(body: Buffer, contentType: string | undefined): OpenApiForm | undefined {
  const fields = parseMultipartForm(body, contentType);
  if (!fields || fields.get('action')?.toString('utf8') !== WX_OPEN_API_ACTION) return undefined;
  const apiName = fields.get('apiName')?.toString('utf8');
  const requestData = fields.get('requestData');
  if (!apiName || !requestData) return undefined;
  return { apiName, requestData };
}

/** POST /admin with wx.openApi: the openapi cloud calls, checked against the caller's permissions. */
function openApiRoute(
  routes: Routes,
  res: http.ServerResponse,
  call: OpenApiForm,
  query: URLSearchParams,
): void {
  const invocationId = query.get(INVOCATION_QUERY_PARAM) ?? undefined;
  const startedAt = performance.now();
  const answer = routes.cloudCalls.openApi(call.apiName, call.requestData, invocationId);
  routes.stats.recordAdminRequest(WX_OPEN_API_ACTION, performance.now() - startedAt, true);
  if (invocationId) routes.runtime.noteAdminRequest(invocationId, WX_OPEN_API_ACTION);
  sendRaw(res, answer, 'POST');
}

/** Writes a sandbox answer unchanged (status, headers, bytes). */
function sendRaw(res: http.ServerResponse, answer: SandboxResponse, method: string): void {
  res.writeHead(answer.status, { ...answer.headers, 'content-length': answer.body.length });
  res.end(method === 'HEAD' ? undefined : answer.body);
}

/** POST /functions/<name>: call a function as the mini program does, as the user named by x-wx-openid. */
async function functionBridgeRoute(
  routes: Routes,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  name: string,
): Promise<void> {
  const body = await readBody(req);
  const event = body.length === 0 ? {} : parseObject(body);
  if (!event) {
    sendJson(
      res,
      400,
      { errCode: -501007, errMsg: 'the body must be the event as a JSON object' },
      CORS_HEADERS,
    );
    return;
  }
  const openid = headerValue(req, 'x-wx-openid');
  const appid = headerValue(req, 'x-wx-appid') ?? routes.options.appId ?? DEFAULT_APPID;
  const unionid = headerValue(req, 'x-wx-unionid');
  const address = clientAddress(req);
  // Calls from the mini program carry userInfo in the event (as wx.cloud.callFunction's do).
  const withUser = openid ? { ...event, userInfo: { appId: appid, openId: openid } } : event;
  const result = await routes.runtime.invoke({
    functionName: name,
    event: withUser,
    caller: { openid, appid, unionid, clientIp: address.ipv4, clientIpv6: address.ipv6, source: 'wx_client' },
    trigger: 'bridge',
  });
  const headers = { ...CORS_HEADERS, ...invocationHeaders(result) };
  if (result.ok) sendJson(res, 200, result.result, headers);
  else sendJson(res, errorStatus(result.error), errorBody(result), headers);
}

/** Any method on /http/<name>[/rest]: CloudBase's HTTP access of a function. */
async function httpAccessRoute(
  routes: Routes,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  url: URL,
  name: string,
): Promise<void> {
  const body = await readBody(req);
  const requestId = newRequestId();
  const event = httpAccessEvent({
    method: req.method ?? 'GET',
    url,
    headers: req.headers,
    body,
    requestId,
    envId: routes.cloud.envId,
  });
  const address = clientAddress(req);
  const result = await routes.runtime.invoke({
    functionName: name,
    event,
    caller: { clientIp: address.ipv4, clientIpv6: address.ipv6 },
    trigger: 'http',
    requestId,
  });
  if (!result.ok) {
    sendJson(res, errorStatus(result.error), errorBody(result), invocationHeaders(result));
    return;
  }
  const answer = httpAccessAnswer(result.result);
  try {
    res.writeHead(answer.status, {
      ...invocationHeaders(result),
      ...answer.headers,
      'content-length': answer.body.length,
    });
  } catch (error) {
    sendJson(res, 502, {
      errCode: -504002,
      errMsg: `the function answered an invalid HTTP response: ${String(error)}`,
    });
    return;
  }
  res.end(req.method === 'HEAD' ? undefined : answer.body);
}

function statsRoute(routes: Routes, res: http.ServerResponse, url: URL, method: string): void {
  if (url.pathname === '/_/stats/reset') {
    if (method !== 'POST')
      return sendJson(res, 405, { code: 'METHOD_NOT_ALLOWED', message: 'POST /_/stats/reset' }, CORS_HEADERS);
    routes.stats.reset();
    return sendJson(res, 200, { ok: true }, CORS_HEADERS);
  }
  const snapshot = { ...routes.stats.snapshot(), instances: routes.runtime.describe() };
  // ?reset=1 answers the figures so far and starts counting again, in one step.
  if (url.searchParams.get('reset') === '1') routes.stats.reset();
  sendJson(res, 200, snapshot, CORS_HEADERS);
}

/** GET /_/clock: the cloud's now; POST /_/clock/advance {"ms": n}: moves a test clock, once its firings ran. */
async function clockRoute(
  routes: Routes,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  path: string,
  method: string,
): Promise<void> {
  const { clock } = routes;
  const state = () => ({ kind: clock.kind, now: clock.now(), offsetMs: clock.offsetMs() });
  if (path === '/_/clock' && method === 'GET') return sendJson(res, 200, state());
  if (path !== '/_/clock/advance' || method !== 'POST')
    return sendJson(res, 405, { code: 'METHOD_NOT_ALLOWED', message: 'GET /_/clock, POST /_/clock/advance' });
  const body = parseObject(await readBody(req));
  const ms = body?.ms;
  if (clock.kind !== 'test')
    return sendJson(res, 409, {
      code: 'NOT_A_TEST_CLOCK',
      message: 'start the local cloud with clock "test"',
    });
  if (typeof ms !== 'number' || !Number.isSafeInteger(ms) || ms < 0)
    return sendJson(res, 400, {
      code: 'INVALID_PARAM',
      message: 'the body must be {"ms": whole milliseconds ≥ 0}',
    });
  await clock.advance(ms);
  sendJson(res, 200, state());
}

function answerPreflight(res: http.ServerResponse): void {
  res.writeHead(204, CORS_HEADERS);
  res.end();
}

function invocationHeaders(result: InvocationResult): Record<string, string> {
  return {
    'x-request-id': result.requestId,
    'x-function-duration-ms': result.durationMs.toFixed(1),
    'x-cold-start': String(result.cold),
  };
}

function errorStatus(error: InvocationError): number {
  switch (error.code) {
    case 'ResourceNotFound.Function':
      return 404;
    case 'FUNCTIONS_TIME_LIMIT_EXCEEDED':
      return 504;
    case 'INVALID_PARAM':
      return 400;
    default:
      return 500;
  }
}

/** The fields wx.cloud.callFunction's failure carries. */
function errorBody(result: InvocationResult): unknown {
  if (result.ok) return undefined;
  return {
    errCode: result.error.errCode,
    errMsg: result.error.message,
    code: result.error.code,
    requestId: result.requestId,
  };
}

function parseObject(body: Buffer): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

function answerFailure(
  res: http.ServerResponse,
  error: unknown,
  log: ((line: string) => void) | undefined,
): void {
  const tooLarge = error instanceof PayloadTooLargeError;
  if (!tooLarge) log?.(`[server] ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  if (res.headersSent) {
    res.end();
    return;
  }
  sendJson(res, tooLarge ? 413 : 500, {
    code: tooLarge ? 'PAYLOAD_TOO_LARGE' : 'INTERNAL',
    message: String(error),
  });
}
