/**
 * The local cloud's WeChat Pay sandbox: the v3 merchant API, cloudPay's wx.wxPayApi, the payment sheet's routes,
 * and notification delivery with WeChat Pay's retry schedule, over one ledger persisted in the data folder.
 */
import { createPrivateKey, createPublicKey, randomUUID, type KeyObject } from 'node:crypto';
import {
  CLOUDPAY_CALLBACK_SOURCE,
  cloudPayCallbackEvent,
  handleCloudPayApi,
  type WxPayApiRequest,
} from './cloudpay-api';
import { FaultBook, readInjectedFault, type InjectedFault } from './injected-faults';
import { handleMerchantApi, v3Transaction, type PlatformSigner } from './merchant-api';
import {
  DEFAULT_RETRY_SCALE,
  RetryTimers,
  realTimers,
  retryDelayMs,
  type TimerScheduler,
} from './notification-retries';
import { PAY_SHEET_PREFIX, handlePaymentSheet, type SheetOutcome } from './payment-sheet-api';
import { jsonResponse, type SandboxRequest, type SandboxResponse } from './sandbox-http';
import { ensurePaySandboxKeys, paySandboxFolder, type PaySandboxKeys } from './sandbox-keys';
import { PaySandboxLedger, type LedgerFailure, type OrderRef } from './sandbox-ledger';
import { TransactionStore, type NotificationProgress, type SandboxTransaction } from './transaction-store';
import { certificateFacts, signedPaymentNotification, systemClock, type Clock } from './wechatpay-crypto';

/** Sends one v3 notification over HTTP (the server POSTs it to the notify URL) and reports the status. */
export type NotifySender = (
  url: string,
  headers: Record<string, string>,
  body: string,
) => Promise<{ status: number }>;

/** Invokes a cloud function as WeChat would, with the given getWXContext().SOURCE; resolves to its result. */
export type FunctionInvoker = (name: string, event: unknown, context: { SOURCE: string }) => Promise<unknown>;

export interface PaySandboxOptions {
  /** The local cloud's data folder; the sandbox keeps its keys and transactions in <dataDir>/paysandbox/. */
  dataDir: string;
  notify: NotifySender;
  /** Needed for cloudPay orders: their result goes to a callback function. */
  invokeFunction?: FunctionInvoker;
  clock?: Clock;
  /** The mini program's appid: v3 orders for another appid are refused, and cloudPay calls default to it. */
  appid?: string;
  /** Multiplies WeChat Pay's retry waits (15s ... 6h); default 1/100. */
  retryScale?: number;
  /** How long a refund stays PROCESSING before SUCCESS (default PAY_SANDBOX_REFUND_SETTLE_MS; 0 settles at once). */
  refundSettleMs?: number;
  /**
   * Certificate mode: sign as a platform certificate (its serial in Wechatpay-Serial, served by /v3/certificates)
   * instead of the generated WeChat Pay public key. Node cannot issue certificates, so the caller brings one.
   */
  platformCertificate?: { certificatePem: string; privateKeyPem: string };
  /** Keep transactions in memory only (default: persisted to the data folder). */
  inMemory?: boolean;
  timers?: TimerScheduler;
  log?: (line: string) => void;
}

export type PayOutcome = SheetOutcome;

export interface PaySandbox {
  readonly keys: PaySandboxKeys;
  /** The Wechatpay-Serial the sandbox signs under: the public key id, or the certificate's serial. */
  readonly platformSerial: string;
  /** True for the paths `handle` answers: /v3/... and /_/paysandbox/... */
  handles(path: string): boolean;
  handle(request: SandboxRequest): Promise<SandboxResponse>;
  /** The /admin action wx.wxPayApi (cloud.cloudPay.*). Send the answer's status, headers and body as they are. */
  handleWxPayApi(request: WxPayApiRequest): Promise<SandboxResponse>;
  /** The buyer pays (what the sheet's POST /_/paysandbox/pay does, without the paySign check). */
  pay(order: string | OrderRef, openid?: string): Promise<PayOutcome>;
  /** The bank refuses the payment: PAYERROR. */
  fail(order: string | OrderRef): Promise<PayOutcome>;
  transaction(outTradeNo: string): SandboxTransaction | undefined;
  /** The transaction WeChat Pay numbered `transactionId` once paid. */
  transactionById(transactionId: string): SandboxTransaction | undefined;
  /** Makes every owed notification try now and waits for the tries; answers how many were tried. */
  flushNotifications(): Promise<number>;
  /**
   * Resolves once the notification of a paid order is settled, delivered or given up after WeChat Pay's last
   * retry (at once if it already is; undefined when none is owed), so a test waits for the event, not for time.
   */
  notificationSettled(outTradeNo: string): Promise<NotificationProgress | undefined>;
  /** The next matching v3 request gets this answer instead of the real one (POST /_/paysandbox/faults). */
  injectFault(fault: InjectedFault): void;
  /** Forgets the faults not used yet (DELETE /_/paysandbox/faults). */
  clearFaults(): void;
  /** Stops the retry timers; owed notifications resume on the next start. */
  close(): Promise<void>;
}

const FAILURE_MESSAGES: Readonly<Record<LedgerFailure, string>> = {
  ORDER_NOT_EXIST: '订单不存在',
  ORDER_PAID: '该订单已支付',
  ORDER_CLOSED: '订单已关闭，不能支付',
  ORDER_EXPIRED: '订单已过支付期限',
  PREPAY_EXPIRED: 'prepay_id 已失效，请重新下单',
  OUT_TRADE_NO_USED: '商户订单号重复',
  PAYER_MISMATCH: '支付用户与下单用户不一致',
  NOT_PAID: '订单未支付',
  AMOUNT_MISMATCH: '金额与原订单不一致',
  REFUND_EXCEEDS: '退款金额超过可退金额',
  REFUND_COUNT_EXCEEDED: '部分退款次数超过50次',
  TRADE_OVERDUE: '交易时间超过一年，不能退款',
  OUT_REFUND_NO_USED: '退款单号重复',
  REFUND_NOT_EXIST: '退款单不存在',
};

function platformSigner(
  keys: PaySandboxKeys,
  certificate: PaySandboxOptions['platformCertificate'],
): PlatformSigner {
  if (!certificate)
    return { serial: keys.wechatpayPublicKeyId, privateKey: createPrivateKey(keys.wechatpayPrivateKeyPem) };
  const read = certificateFacts(certificate.certificatePem);
  return {
    serial: read.serial,
    privateKey: createPrivateKey(certificate.privateKeyPem),
    certificate: { pem: certificate.certificatePem, validFrom: read.validFrom, validTo: read.validTo },
  };
}

/** How long the sandbox reports a refund PROCESSING before SUCCESS, by its clock, unless told otherwise. */
export const PAY_SANDBOX_REFUND_SETTLE_MS = 1000;

/** WeChat Pay waits five seconds for the merchant's answer; a slower one counts as failed and is retried. */
const NOTIFY_TIMEOUT_MS = 5000;

function withinNotifyTimeout<T>(delivery: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new Error(`no answer within ${NOTIFY_TIMEOUT_MS} ms`)),
      NOTIFY_TIMEOUT_MS,
    );
    timer.unref();
  });
  return Promise.race([delivery, timeout]).finally(() => clearTimeout(timer));
}

function toRef(order: string | OrderRef): OrderRef {
  return typeof order === 'string' ? { outTradeNo: order } : order;
}

export function createPaySandbox(options: PaySandboxOptions): PaySandbox {
  const clock = options.clock ?? systemClock;
  const log = options.log ?? (() => undefined);
  const keys = ensurePaySandboxKeys(options.dataDir, clock());
  const store = options.inMemory
    ? new TransactionStore()
    : TransactionStore.inFolder(paySandboxFolder(options.dataDir));
  const ledger = new PaySandboxLedger(store, clock, options.refundSettleMs ?? PAY_SANDBOX_REFUND_SETTLE_MS);
  const merchantPublicKey: KeyObject = createPublicKey(keys.merchantPublicKeyPem);
  const signer = platformSigner(keys, options.platformCertificate);
  const retryScale = options.retryScale ?? DEFAULT_RETRY_SCALE;
  const retries = new RetryTimers(options.timers ?? realTimers);
  const inFlight = new Map<string, Promise<void>>();
  const faults = new FaultBook();
  const settledWaiters = new Map<string, ((progress: NotificationProgress | undefined) => void)[]>();
  let closed = false;

  const now = () => clock().getTime();

  /** One try of the notification owed for a paid order: v3 over HTTP, or the cloudPay callback function. */
  async function send(
    transaction: SandboxTransaction,
    progress: NotificationProgress,
  ): Promise<{ delivered: boolean; outcome: string }> {
    if (transaction.channel === 'v3') {
      if (!transaction.notifyUrl) return { delivered: false, outcome: 'no notify_url' };
      const { headers, body } = signedPaymentNotification({
        // Always the payment as it happened: a refund since then does not change what TRANSACTION.SUCCESS says.
        transaction: v3Transaction(transaction, 'SUCCESS'),
        apiV3Key: keys.apiV3Key,
        key: signer,
        eventId: progress.eventId,
        summary: '支付成功',
        clock,
      });
      const { status } = await withinNotifyTimeout(
        options.notify(transaction.notifyUrl, { ...headers, 'Content-Type': 'application/json' }, body),
      );
      // WeChat Pay takes 200 or 204 as received; anything else, or no answer, is a failure to retry.
      return { delivered: status === 200 || status === 204, outcome: `HTTP ${status}` };
    }
    if (!options.invokeFunction)
      return { delivered: false, outcome: 'no function runtime to invoke the callback' };
    if (!transaction.callback) return { delivered: false, outcome: 'no callback function' };
    const result = await options.invokeFunction(
      transaction.callback.functionName,
      cloudPayCallbackEvent(transaction),
      {
        SOURCE: CLOUDPAY_CALLBACK_SOURCE,
      },
    );
    const errcode =
      typeof result === 'object' && result !== null ? (result as { errcode?: unknown }).errcode : undefined;
    return { delivered: errcode === 0, outcome: `errcode ${String(errcode)}` };
  }

  function attempt(outTradeNo: string): Promise<void> {
    const running = inFlight.get(outTradeNo);
    if (running) return running;
    const task = (async () => {
      const transaction = store.get(outTradeNo);
      const progress = transaction?.notification;
      if (!transaction || !progress || progress.delivered || closed) return;
      let result: { delivered: boolean; outcome: string };
      try {
        result = await send(transaction, progress);
      } catch (error) {
        result = { delivered: false, outcome: error instanceof Error ? error.message : String(error) };
      }
      const attempts = progress.attempts + 1;
      const delay = result.delivered ? undefined : retryDelayMs(attempts, retryScale);
      const next: NotificationProgress = {
        eventId: progress.eventId,
        attempts,
        delivered: result.delivered,
        lastOutcome: result.outcome,
      };
      if (delay !== undefined) next.nextAttemptAt = now() + delay;
      // Re-read: a refund may have changed the order while the notification was on its way.
      const latest = store.get(outTradeNo) ?? transaction;
      store.putTransaction({ ...latest, notification: next });
      log(
        `[paysandbox] ${transaction.channel} notification ${outTradeNo} try ${attempts}: ${result.outcome}` +
          (result.delivered ? ' (delivered)' : delay === undefined ? ' (given up)' : `; next in ${delay} ms`),
      );
      if (delay !== undefined && !closed) retries.schedule(outTradeNo, delay, () => void attempt(outTradeNo));
      else settle(outTradeNo, next);
    })().finally(() => inFlight.delete(outTradeNo));
    inFlight.set(outTradeNo, task);
    return task;
  }

  function settle(outTradeNo: string, progress: NotificationProgress | undefined): void {
    const waiters = settledWaiters.get(outTradeNo) ?? [];
    settledWaiters.delete(outTradeNo);
    for (const resolve of waiters) resolve(progress);
  }

  function notificationSettled(outTradeNo: string): Promise<NotificationProgress | undefined> {
    const progress = store.get(outTradeNo)?.notification;
    if (!progress || progress.delivered || progress.nextAttemptAt === undefined || closed)
      return Promise.resolve(progress);
    return new Promise((resolve) => {
      settledWaiters.set(outTradeNo, [...(settledWaiters.get(outTradeNo) ?? []), resolve]);
    });
  }

  function startNotification(transaction: SandboxTransaction): void {
    const progress: NotificationProgress = {
      eventId: randomUUID(),
      attempts: 0,
      delivered: false,
      nextAttemptAt: now(),
    };
    store.putTransaction({ ...transaction, notification: progress });
    retries.schedule(transaction.outTradeNo, 0, () => void attempt(transaction.outTradeNo));
  }

  // Notifications owed before a restart resume where their schedule left off.
  for (const transaction of store.all()) {
    const progress = transaction.notification;
    if (progress && !progress.delivered && progress.nextAttemptAt !== undefined) {
      retries.schedule(
        transaction.outTradeNo,
        progress.nextAttemptAt - now(),
        () => void attempt(transaction.outTradeNo),
      );
    }
  }

  function failureOutcome(failure: LedgerFailure): PayOutcome {
    return { ok: false, code: failure, message: FAILURE_MESSAGES[failure] };
  }

  async function pay(order: string | OrderRef, openid?: string): Promise<PayOutcome> {
    const result = ledger.pay(toRef(order), openid);
    if (!result.ok) return failureOutcome(result.failure);
    startNotification(result.value);
    return { ok: true, transaction: store.get(result.value.outTradeNo) ?? result.value };
  }

  async function fail(order: string | OrderRef): Promise<PayOutcome> {
    const result = ledger.fail(toRef(order));
    return result.ok ? { ok: true, transaction: result.value } : failureOutcome(result.failure);
  }

  async function flushNotifications(): Promise<number> {
    const owed = store
      .all()
      .filter((transaction) => transaction.notification && !transaction.notification.delivered);
    await Promise.all(owed.map((transaction) => attempt(transaction.outTradeNo)));
    return owed.length;
  }

  function faultRoute(request: SandboxRequest): SandboxResponse {
    const method = request.method.toUpperCase();
    if (method === 'DELETE') {
      faults.clear();
      return jsonResponse(200, { ok: true });
    }
    if (method !== 'POST')
      return jsonResponse(405, { code: 'METHOD_NOT_ALLOWED', message: 'POST or DELETE' });
    let body: unknown;
    try {
      body = JSON.parse(request.body.toString('utf8'));
    } catch {
      body = undefined;
    }
    const fault = readInjectedFault(body);
    if (typeof fault === 'string') return jsonResponse(400, { code: 'PARAM_ERROR', message: fault });
    faults.add(fault);
    return jsonResponse(200, { ok: true });
  }

  const handles = (path: string) =>
    path.startsWith('/v3/') || path === PAY_SHEET_PREFIX || path.startsWith(`${PAY_SHEET_PREFIX}/`);

  return {
    keys,
    platformSerial: signer.serial,
    handles,

    async handle(request) {
      if (request.path.startsWith('/v3/')) {
        return handleMerchantApi(
          { keys, merchantPublicKey, signer, ledger, clock, appid: options.appid, faults },
          request,
        );
      }
      if (request.path.split('?')[0] === `${PAY_SHEET_PREFIX}/faults`) return faultRoute(request);
      if (handles(request.path.split('?')[0])) {
        return handlePaymentSheet(
          {
            keys,
            merchantPublicKey,
            find: (ref) => ledger.find(ref),
            list: () => store.all(),
            pay,
            fail,
            flushNotifications,
            notificationSettled,
          },
          request,
        );
      }
      return jsonResponse(404, { code: 'NOT_FOUND', message: `not a pay sandbox path: ${request.path}` });
    },

    async handleWxPayApi(request) {
      return handleCloudPayApi({ keys, ledger, clock, appid: options.appid }, request);
    },

    pay,
    fail,
    transaction: (outTradeNo) => store.get(outTradeNo),
    transactionById: (transactionId) => store.findByTransactionId(transactionId),
    flushNotifications,
    notificationSettled,
    injectFault: (fault) => faults.add(fault),
    clearFaults: () => faults.clear(),

    async close() {
      closed = true;
      retries.cancelAll();
      await Promise.allSettled([...inFlight.values()]);
      // Nothing more will be tried: whoever waits gets the notification as it stands.
      for (const outTradeNo of [...settledWaiters.keys()])
        settle(outTradeNo, store.get(outTradeNo)?.notification);
    },
  };
}
