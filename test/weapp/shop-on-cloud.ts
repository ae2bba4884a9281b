/**
 * The real shop for page tests: the built functions (dist/cloudfunctions) on a local cloud with the sample shop,
 * in a child process, because jsdom (where the pages render) is no place for a server. Pages reach it through
 * the harness's wx.cloud.callFunction as one buyer; tests read and stage through the same bridge and move the
 * cloud's test clock instead of waiting.
 */
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { ActionName, ActionRequest, ActionResponse, Result } from '../../types';
import { spawnLocalCloud, type ChildCloud } from '../support/spawn-local-cloud';

const ROOT = path.resolve(__dirname, '..', '..');
const FUNCTIONS_DIR = path.join(ROOT, 'dist', 'cloudfunctions');
const SEED_FILE = path.join(ROOT, 'emulator', 'seed', 'shop.json');
/** The shop's owner (SHOP_ADMIN_OPENIDS): tests ship and refund through the `admin` function as this OPENID. */
export const MERCHANT = 'weapp-merchant';

export interface ShopOnCloud {
  url: string;
  /** Calls a function as `openid` (undefined: no user), answering its result. */
  call(name: string, data: Record<string, unknown>, openid?: string): Promise<unknown>;
  /** A `shop` action as `openid` that must succeed. */
  ok<A extends ActionName<'shop'>>(
    openid: string,
    action: A,
    request: ActionRequest<'shop', A>,
  ): Promise<ActionResponse<'shop', A>>;
  /** An `admin` action as the merchant that must succeed. */
  admin<A extends ActionName<'admin'>>(
    action: A,
    request: ActionRequest<'admin', A>,
  ): Promise<ActionResponse<'admin', A>>;
  /**
   * What the buyer does in the sandbox's payment sheet for the wx.requestPayment parameters `payment`. A payment
   * resolves once the sandbox has delivered its notification to the functions (they stored it or refused it;
   * order.syncPayment or the worker applies it).
   */
  paymentSheet(action: 'pay' | 'fail', payment: Record<string, unknown>, openid: string): Promise<number>;
  /**
   * Sets fields of one document as the database would for the merchant (a product going off sale, stock
   * running low): through the CloudBase endpoint the functions use.
   */
  setFields(collection: string, id: string, fields: Record<string, unknown>): Promise<void>;
  /**
   * Adds a document as the merchant would in the cloud console (a coupon template: no action creates them).
   */
  addDocument(collection: string, document: Record<string, unknown>): Promise<void>;
  /** Runs the worker as its timer does (it computes 猜你喜欢, closes expired orders, ...). */
  runWorker(): Promise<void>;
  /** The cloud calls (`subscribeMessage.send`, …) the functions made, as GET /_/cloudcalls lists them. */
  cloudCalls(
    name: string,
  ): Promise<{ name: string; functionName: string | null; args: Record<string, unknown> }[]>;
  /** Stores `bytes` at `cloudPath` in the cloud's storage as `openid` would upload it; answers the file ID. */
  upload(cloudPath: string, bytes: Buffer, openid: string): Promise<{ fileID?: string; errMsg?: string }>;
  /** Moves the cloud's clock (functions, database, pay sandbox) forward. */
  advanceClock(ms: number): Promise<void>;
  /** The cloud's now. */
  now(): Promise<number>;
  stop(): Promise<void>;
}

/** POSTs JSON with node's http (jsdom has no fetch); answers status and parsed body. */
function post(
  url: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  return request('POST', url, JSON.stringify(body), headers);
}

function request(
  method: string,
  url: string,
  payload: string | Buffer | undefined,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method,
        headers: typeof payload === 'string' ? { 'content-type': 'application/json', ...headers } : headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as unknown });
          } catch {
            resolve({ status: res.statusCode ?? 0, body: text });
          }
        });
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** `functionEnv`: more settings of the shop's functions (e.g. its subscribe-message templates). */
export async function startShopOnCloud(functionEnv: Record<string, string> = {}): Promise<ShopOnCloud> {
  if (!fs.existsSync(path.join(FUNCTIONS_DIR, 'shop', 'index.js'))) {
    throw new Error('dist/cloudfunctions is missing: run `npm run build:cloud` first');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'weapp-cloud-'));
  let child: ChildCloud;
  try {
    child = await spawnLocalCloud(dataDir, {
      functionsDir: FUNCTIONS_DIR,
      seedFile: SEED_FILE,
      clock: 'test',
      functionEnv: { SHOP_ADMIN_OPENIDS: MERCHANT, ...functionEnv },
      // Schema writes are not what these tests are about; the cloud's own tests cover durability.
      synchronous: 'NORMAL',
      startTimeoutMs: 60_000,
    });
  } catch (error) {
    fs.rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  const call = async (name: string, data: Record<string, unknown>, openid?: string) => {
    const answer = await post(
      `${child.url}/functions/${name}`,
      data,
      openid ? { 'x-wx-openid': openid } : {},
    );
    return answer.body;
  };
  return {
    url: child.url,
    call,
    async ok(openid, action, body) {
      const answer = (await call(
        'shop',
        { ...(body as Record<string, unknown>), action },
        openid,
      )) as Result<never>;
      if (!answer.ok) throw new Error(`${action} failed: ${answer.code} ${answer.message}`);
      return answer.data;
    },
    async admin(action, body) {
      const answer = (await call(
        'admin',
        { ...(body as Record<string, unknown>), action },
        MERCHANT,
      )) as Result<never>;
      if (!answer.ok) throw new Error(`${action} failed: ${answer.code} ${answer.message}`);
      return answer.data;
    },
    async paymentSheet(action, payment, openid) {
      const { status, body } = await post(`${child.url}/_/paysandbox/${action}`, { payment, openid });
      if (action !== 'pay' || status !== 200) return status;
      // The sandbox answers this once the notification was delivered (retried as WeChat Pay retries a try that
      // failed, e.g. a cold instance slower than WeChat Pay waits): an event, not a re-check.
      const { outTradeNo } = body as { outTradeNo: string };
      const settled = await post(`${child.url}/_/paysandbox/notifications/${outTradeNo}/settled`, {});
      const { notification } = settled.body as { notification: { delivered?: boolean } | null };
      if (!notification?.delivered) throw new Error(`the notification of ${outTradeNo} was never delivered`);
      return status;
    },
    async setFields(collection, id, fields) {
      const answer = await post(`${child.url}/admin`, {
        action: 'database.modifyDocument',
        collectionName: collection,
        queryType: 'DOC',
        query: JSON.stringify({ _id: id }),
        data: JSON.stringify({ $set: fields }),
        multi: false,
        merge: true,
        upsert: false,
      });
      const updated = (answer.body as { data?: { updated?: number } }).data?.updated;
      if (updated !== 1)
        throw new Error(`${collection}/${id} was not updated: ${JSON.stringify(answer.body)}`);
    },
    async addDocument(collection, document) {
      const answer = await post(`${child.url}/admin`, {
        action: 'database.insertDocument',
        collectionName: collection,
        data: [JSON.stringify(document)],
      });
      const inserted = (answer.body as { data?: { _id?: unknown } }).data;
      if (!inserted) throw new Error(`${collection} refused the document: ${JSON.stringify(answer.body)}`);
    },
    async cloudCalls(name) {
      const answer = await request(
        'GET',
        `${child.url}/_/cloudcalls?name=${encodeURIComponent(name)}`,
        undefined,
      );
      return (answer.body as { calls: Awaited<ReturnType<ShopOnCloud['cloudCalls']>> }).calls;
    },
    async runWorker() {
      const report = (await call('worker', {})) as { ok?: boolean };
      if (report.ok !== true) throw new Error(`the worker failed: ${JSON.stringify(report)}`);
    },
    async upload(cloudPath, bytes, openid) {
      const answer = await request(
        'POST',
        `${child.url}/_/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`,
        bytes,
        { 'x-wx-openid': openid },
      );
      return answer.body as { fileID?: string; errMsg?: string };
    },
    async advanceClock(ms) {
      const answer = await post(`${child.url}/_/clock/advance`, { ms });
      if (answer.status !== 200) throw new Error(`the clock did not move: ${JSON.stringify(answer.body)}`);
    },
    async now() {
      return ((await request('GET', `${child.url}/_/clock`, undefined)).body as { now: number }).now;
    },
    async stop() {
      await child.stop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
