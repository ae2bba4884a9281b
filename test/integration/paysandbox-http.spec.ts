/**
 * The pay sandbox mounted on a real HTTP server, as the local cloud mounts it: the v3 gateway over sockets with
 * its Node 16 HTTP client, notifications POSTed back over HTTP, and cloudPay through the real wx-server-sdk
 * (multipart wx.wxPayApi to /admin, its snake/camel conversion and errCode overwrite).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  createCloudPayGateway,
  type CloudPayApi,
} from '../../cloudfunctions/common/payments/cloudpay-gateway';
import { cloudPayCallbackAnswer } from '../../cloudfunctions/common/payments/cloudpay-callback';
import { GatewayError } from '../../cloudfunctions/common/payments/gateway';
import { createGateway } from '../../cloudfunctions/common/payments/gateway-factory';
import { createNodeFetch } from '../../cloudfunctions/common/payments/http-fetch';
import { parsePaymentConfig } from '../../cloudfunctions/common/payments/payment-config';
import {
  createPaySandbox,
  readWxPayApiForm,
  sandboxPaymentConfig,
  type PaySandbox,
} from '../../emulator/paysandbox';
import { BUYER, SHOP_APPID, prepayInput, temporaryDataDir } from '../unit/payments/gateway-support';

interface Received {
  headers: Record<string, string>;
  body: string;
}

const data = temporaryDataDir();
const notifications: Received[] = [];
const callbacks: { name: string; event: unknown; source: string }[] = [];
let sandbox: PaySandbox;
let server: http.Server;
let baseUrl: string;

function readBody(req: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

/** The mounting the local cloud's server does: /v3 and /_/paysandbox to handle, wx.wxPayApi on /admin. */
async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
  const body = await readBody(req);
  const target = req.url ?? '/';
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (typeof value === 'string') headers[name] = value;
  let answer: { status: number; headers: Record<string, string>; body: Buffer };
  if (sandbox.handles(target.split('?')[0])) {
    answer = await sandbox.handle({ method: req.method ?? 'GET', path: target, headers, body });
  } else if (target.startsWith('/admin')) {
    const request = readWxPayApiForm(body, req.headers['content-type']);
    if (!request) throw new Error('only wx.wxPayApi is served here');
    answer = await sandbox.handleWxPayApi(request);
  } else if (target === '/http/payNotify') {
    notifications.push({ headers, body: body.toString('utf8') });
    answer = { status: 204, headers: {}, body: Buffer.alloc(0) };
  } else {
    answer = { status: 404, headers: {}, body: Buffer.alloc(0) };
  }
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}

beforeAll(async () => {
  server = http.createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      res.writeHead(500);
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const post = createNodeFetch(5000);
  sandbox = createPaySandbox({
    dataDir: data.dir,
    appid: SHOP_APPID,
    notify: async (url, headers, body) => {
      const answer = await post(url, { method: 'POST', headers, body });
      return { status: answer.status };
    },
    invokeFunction: async (name, event, context) => {
      callbacks.push({ name, event, source: context.SOURCE });
      return cloudPayCallbackAnswer(true);
    },
  });
});

afterAll(async () => {
  await sandbox.close();
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  data.remove();
});

describe('v3 over HTTP', () => {
  it('prepays, is paid from the sheet route, and is notified over HTTP with a verifiable notification', async () => {
    const config = sandboxPaymentConfig(sandbox.keys, {
      appid: SHOP_APPID,
      baseUrl,
      notifyUrl: `${baseUrl}/http/payNotify`,
    });
    // No fetch given: the gateway's own node:http client, as in a cloud function on Node 16.
    const gateway = createGateway(parsePaymentConfig(config));
    const prepaid = await gateway.prepay(prepayInput('SO-HTTP-0001', Date.now()));

    const sheet = await fetch(`${baseUrl}/_/paysandbox/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payment: prepaid.params, openid: BUYER }),
    });
    expect(sheet.status).toBe(200);

    // The sandbox says when its notification was answered: by then the server above has received it.
    expect(await sandbox.notificationSettled('SO-HTTP-0001')).toMatchObject({ delivered: true });
    const [received] = notifications;
    const notice = gateway.parseNotification({
      channel: 'http',
      headers: received.headers,
      body: received.body,
    });
    expect(notice).toMatchObject({
      ok: true,
      notice: { transaction: { outTradeNo: 'SO-HTTP-0001', totalFen: 2590, payerOpenid: BUYER } },
    });
    expect((await gateway.query('SO-HTTP-0001')).state).toBe('SUCCESS');
  });

  it('refunds one payment in parts, each under its own number, at most the paid total and at most 50 times', async () => {
    const gateway = createGateway(
      parsePaymentConfig(
        sandboxPaymentConfig(sandbox.keys, {
          appid: SHOP_APPID,
          baseUrl,
          notifyUrl: `${baseUrl}/http/payNotify`,
        }),
      ),
    );
    const part = (outRefundNo: string, refundFen: number) =>
      gateway.refund({ outTradeNo: 'SO-HTTP-0001', outRefundNo, totalFen: 2590, refundFen });
    await expect(part('SO-HTTP-RF-A', 1000)).resolves.toMatchObject({ refundFen: 1000 });
    // The same number and amount again is the same refund, not a second one.
    const again = await part('SO-HTTP-RF-A', 1000);
    await expect(part('SO-HTTP-RF-A', 900)).rejects.toBeInstanceOf(GatewayError);
    expect(sandbox.transaction('SO-HTTP-0001')?.refundedFen).toBe(1000);
    expect(again.refundFen).toBe(1000);
    // Parts may not add up to more than was paid.
    await expect(part('SO-HTTP-RF-B', 1591)).rejects.toBeInstanceOf(GatewayError);
    expect(sandbox.transaction('SO-HTTP-0001')?.refundedFen).toBe(1000);
    // 49 more refunds of 1 fen make 50; the 51st is refused although money is left.
    for (let i = 0; i < 49; i += 1) await part(`SO-HTTP-RF-C${i}`, 1);
    expect(sandbox.transaction('SO-HTTP-0001')).toMatchObject({ refundedFen: 1049, refundCount: 50 });
    await expect(part('SO-HTTP-RF-D', 1)).rejects.toMatchObject({ message: expect.stringContaining('50') });
    expect(sandbox.transaction('SO-HTTP-0001')?.refundedFen).toBe(1049);
  });
});

describe('cloudPay through the real wx-server-sdk', () => {
  const saved = { ...process.env };
  let cloudPay: CloudPayApi;

  beforeAll(() => {
    process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: `${baseUrl}/admin` });
    process.env.TENCENTCLOUD_SECRETID = 'AKIDpaysandboxtest';
    process.env.TENCENTCLOUD_SECRETKEY = 'paysandboxtest';
    // Outside a function @cloudbase/node-sdk would probe the metadata server before every request.
    process.env.TENCENTCLOUD = 'true';
    // eslint-disable-next-line @typescript-eslint/no-require-imports -- after the environment is set
    const sdk = require('wx-server-sdk') as { init(options: { env: string }): void; cloudPay: unknown };
    sdk.init({ env: 'shop-env-1a2b' });
    cloudPay = sdk.cloudPay as CloudPayApi;
  });
  afterAll(() => {
    process.env = saved;
  });

  it('prepays, pays into the callback function, queries, refuses to close a paid order, and refunds', async () => {
    const gateway = createCloudPayGateway(
      {
        appid: SHOP_APPID,
        subMchId: sandbox.keys.mchid,
        envId: 'shop-env-1a2b',
        callbackFunction: 'payCallback',
      },
      { cloudPay },
    );
    const prepaid = await gateway.prepay(prepayInput('CP-SDK-0001', Date.now()));
    expect(prepaid.params.signType).toBe('MD5');
    expect(sandbox.transaction('CP-SDK-0001')).toMatchObject({
      channel: 'cloudpay',
      payerOpenid: BUYER,
      totalFen: 2590,
    });
    expect(await gateway.query('CP-SDK-0001')).toEqual({ state: 'NOTPAY' });

    const sheet = await fetch(`${baseUrl}/_/paysandbox/pay`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ payment: prepaid.params }),
    });
    expect(sheet.status).toBe(200);
    expect(await sandbox.notificationSettled('CP-SDK-0001')).toMatchObject({ delivered: true });
    const [callback] = callbacks;
    expect(callback).toMatchObject({ name: 'payCallback', source: 'wx_paycallback' });
    const notice = gateway.parseNotification({
      channel: 'cloudpay-callback',
      event: callback.event,
      source: callback.source,
    });
    const queried = await gateway.query('CP-SDK-0001');
    expect(notice).toEqual({
      ok: true,
      notice: { eventId: expect.any(String), transaction: queried.transaction },
    });

    // The SDK answers errCode 0 here; only errCodeDes says why.
    const closing = await gateway.close('CP-SDK-0001').catch((error: unknown) => error);
    expect(closing).toBeInstanceOf(GatewayError);
    expect(closing).toMatchObject({ code: 'ORDERPAID', kind: 'ORDER_PAID' });

    const refund = await gateway.refund({
      outTradeNo: 'CP-SDK-0001',
      outRefundNo: 'CP-SDK-RF-0001',
      totalFen: 2590,
      refundFen: 590,
    });
    expect(refund).toMatchObject({ status: 'PROCESSING', refundFen: 590 });
    // cloudPay answers list fields, empty until WeChat Pay reports the refund: still processing.
    expect(await gateway.queryRefund('CP-SDK-RF-0001')).toEqual({
      status: 'PROCESSING',
      outRefundNo: 'CP-SDK-RF-0001',
    });
  });
});
