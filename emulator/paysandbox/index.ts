/** The local cloud's WeChat Pay sandbox: what the server mounts, and what the functions' configuration reads. */
export { PAY_SANDBOX_REFUND_SETTLE_MS, createPaySandbox } from './pay-sandbox';
export type { FunctionInvoker, NotifySender, PayOutcome, PaySandbox, PaySandboxOptions } from './pay-sandbox';
export type { SandboxRequest, SandboxResponse } from './sandbox-http';
export type { WxPayApiRequest } from './cloudpay-api';
export { CLOUDPAY_PROVIDER_APPID, CLOUDPAY_PROVIDER_MCH_ID, decodeApiOptionsAppid } from './cloudpay-api';
export { WX_PAY_API_ACTION, parseMultipartForm, readWxPayApiForm } from './wxpay-api-form';
export {
  ensurePaySandboxKeys,
  paySandboxFolder,
  paySandboxKeysPath,
  readPaySandboxKeys,
  sandboxCloudPayEnv,
  sandboxPaymentConfig,
  sandboxPaymentEnv,
} from './sandbox-keys';
export type { PaySandboxKeys, SandboxCloudPaySettings, SandboxV3Settings } from './sandbox-keys';
export { DEFAULT_RETRY_SCALE, WECHATPAY_NOTIFY_RETRY_DELAYS_MS, retryDelayMs } from './notification-retries';
export type { TimerScheduler } from './notification-retries';
export { PAY_SHEET_PREFIX, summarize } from './payment-sheet-api';
export type { TransactionSummary } from './payment-sheet-api';
export type { InjectedFault, V3Operation } from './injected-faults';
export type { OrderRef } from './sandbox-ledger';
export type { NotificationProgress, SandboxTransaction, SandboxRefund } from './transaction-store';
