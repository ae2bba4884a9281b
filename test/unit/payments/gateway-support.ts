/**
 * Shared material of the gateway specs: a pay sandbox per spec file (its keys are made once per data folder),
 * an in-process `fetch` into the sandbox's handler, a cloudPay object that converts like wx-server-sdk, and a
 * clock the specs move by hand.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CloudPayAnswer, CloudPayApi } from '../../../cloudfunctions/common/payments/cloudpay-gateway';
import { createGateway, type GatewayDeps } from '../../../cloudfunctions/common/payments/gateway-factory';
import type { FetchLike } from '../../../cloudfunctions/common/payments/http-fetch';
import { parsePaymentConfig } from '../../../cloudfunctions/common/payments/payment-config';
import {
  createPaySandbox,
  sandboxPaymentConfig,
  type PaySandbox,
  type PaySandboxOptions,
  type TimerScheduler,
} from '../../../emulator/paysandbox';

export const SHOP_APPID = 'wx1234567890abcdef';
/** In-process: `.localhost` names are the loopback (RFC 6761), the only place sandbox mode may point at. */
export const SANDBOX_BASE_URL = 'http://paysandbox.localhost';
export const NOTIFY_URL = 'http://shop.test/http/payNotify';
export const BUYER = 'oBuyer_0000000000000000000001';

/** A clock that stands still until a spec moves it, so expiry and settlement are exact. */
export function manualClock(start = Date.now()) {
  let now = start;
  return {
    clock: () => new Date(now),
    advance(ms: number) {
      now += ms;
    },
    now: () => now,
  };
}

/** Timers that run only when the spec says, and remember every wait they were asked for. */
export function manualTimers() {
  const queue: { run: () => void; delayMs: number; cancelled: boolean }[] = [];
  const delays: number[] = [];
  const schedule: TimerScheduler = (run, delayMs) => {
    const entry = { run, delayMs, cancelled: false };
    queue.push(entry);
    delays.push(delayMs);
    return { cancel: () => (entry.cancelled = true) };
  };
  return {
    schedule,
    delays,
    /** Runs every due timer (including ones they schedule) and lets their promises settle in between. */
    async runAll(rounds = 50) {
      for (let i = 0; i < rounds && queue.length > 0; i += 1) {
        const entry = queue.shift();
        if (entry && !entry.cancelled) entry.run();
        await new Promise((resolve) => setImmediate(resolve));
      }
    },
  };
}

export interface CapturedNotification {
  url: string;
  headers: Record<string, string>;
  body: string;
}

export function temporaryDataDir(): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'paysandbox-'));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestSandbox {
  sandbox: PaySandbox;
  notifications: CapturedNotification[];
  /** What the notify endpoint answers; specs change it to make deliveries fail. */
  notifyStatus: { value: number };
}

export function startSandbox(dataDir: string, options: Partial<PaySandboxOptions> = {}): TestSandbox {
  const notifications: CapturedNotification[] = [];
  const notifyStatus = { value: 204 };
  const sandbox = createPaySandbox({
    dataDir,
    inMemory: true,
    appid: SHOP_APPID,
    notify: async (url, headers, body) => {
      notifications.push({ url, headers, body });
      return { status: notifyStatus.value };
    },
    ...options,
  });
  return { sandbox, notifications, notifyStatus };
}

/** `fetch` into the sandbox's handler without a socket: the request target is what follows the origin. */
export function sandboxFetch(sandbox: PaySandbox): FetchLike {
  return async (url, init) => {
    const target = url.replace(/^https?:\/\/[^/]+/, '');
    const answer = await sandbox.handle({
      method: init.method,
      path: target,
      headers: init.headers,
      body: Buffer.from(init.body ?? '', 'utf8'),
    });
    const headers = new Map(
      Object.entries(answer.headers).map(([name, value]) => [name.toLowerCase(), value]),
    );
    return {
      status: answer.status,
      headers: { get: (name: string) => headers.get(name.toLowerCase()) ?? null },
      text: async () => answer.body.toString('utf8'),
    };
  };
}

/** The sandbox-mode gateway the functions would build from the sandbox's keys. */
export function sandboxGateway(
  sandbox: PaySandbox,
  deps: GatewayDeps = {},
  overrides: Record<string, unknown> = {},
) {
  const config = parsePaymentConfig({
    ...sandboxPaymentConfig(sandbox.keys, {
      appid: SHOP_APPID,
      baseUrl: SANDBOX_BASE_URL,
      notifyUrl: NOTIFY_URL,
    }),
    ...overrides,
  });
  return createGateway(config, { fetch: sandboxFetch(sandbox), ...deps });
}

function camelToSnake(name: string): string {
  return name.replace(/[A-Z]/g, (letter, index: number) => `${index ? '_' : ''}${letter.toLowerCase()}`);
}

function snakeToCamel(name: string): string {
  return name.replace(/_[a-z]/g, (match) => match[1].toUpperCase());
}

function convertKeys(value: unknown, convert: (name: string) => string): unknown {
  if (Array.isArray(value)) return value.map((item) => convertKeys(item, convert));
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [convert(key), convertKeys(item, convert)]),
  );
}

/**
 * `cloud.cloudPay` as wx-server-sdk 4.0.2 behaves (src/api/cloudpay/namespace/generic.ts): camelCase → snake_case
 * on the way out, snake_case → camelCase on the way back, TCB errors thrown, and `errCode: 0` written over
 * whatever came back, WeChat Pay's own err_code included. The HTTP spec runs the real SDK against the sandbox.
 */
export function sdkLikeCloudPay(
  sandbox: PaySandbox,
  caller: { appid?: string; openid?: string } = {},
): CloudPayApi & { calls: string[] } {
  const calls: string[] = [];
  const call =
    (api: string) =>
    async (data: Record<string, unknown>): Promise<CloudPayAnswer> => {
      calls.push(api);
      const answer = await sandbox.handleWxPayApi({
        apiName: api,
        requestData: Buffer.from(JSON.stringify(convertKeys(data, camelToSnake))),
        callerAppid: caller.appid,
        callerOpenid: caller.openid,
      });
      const json = JSON.parse(answer.body.toString('utf8')) as Record<string, unknown>;
      if (typeof json.code === 'string' && 'message' in json) {
        throw Object.assign(new Error(String(json.message)), { errCode: -1, errMsg: String(json.message) });
      }
      return {
        ...(convertKeys(json, snakeToCamel) as Record<string, unknown>),
        errCode: 0,
        errMsg: `cloudPay.${api}:ok`,
      };
    };
  return {
    calls,
    unifiedOrder: call('unifiedOrder'),
    queryOrder: call('queryOrder'),
    closeOrder: call('closeOrder'),
    refund: call('refund'),
    queryRefund: call('queryRefund'),
  };
}

export function prepayInput(outTradeNo: string, now: number, overrides: Record<string, unknown> = {}) {
  return {
    outTradeNo,
    description: 'Taro Cloud Shop - 2 items',
    amountFen: 2590,
    payerOpenid: BUYER,
    expiresAt: now + 30 * 60 * 1000,
    attach: 'order:o-1',
    ...overrides,
  };
}
