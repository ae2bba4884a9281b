/** Types of the WeChat Pay protocol as the shop's payment code sees it: signatures, notifications, transactions. */
import type { KeyObject } from 'node:crypto';
import type { RequestPaymentParams } from '../../../types/api';

// ---------------------------------------------------------------------------------------------------------
// Keys and entropy
// ---------------------------------------------------------------------------------------------------------

/** A PEM string or an already parsed key; callers that sign often should parse once and pass the KeyObject. */
export type PrivateKeyInput = KeyObject | string;

/** A public key PEM or a parsed key. Certificates go through `publicKeyFromCertificate` first. */
export type PublicKeyInput = KeyObject | string;

/** Produces a fresh nonce; injected so signatures are reproducible in tests. */
export type NonceSource = () => string;

/** The current time; injected so timestamp checks and signatures are reproducible in tests. */
export type Clock = () => Date;

/** What a signing call may take instead of the system's randomness and time. */
export interface SigningEntropy {
  nonce?: NonceSource;
  clock?: Clock;
}

/**
 * Finds the WeChat Pay key that signed a message from the `Wechatpay-Serial` header: a platform certificate
 * serial (hex) or a WeChat Pay public key id (`PUB_KEY_ID_...`). `undefined` means "not ours".
 */
export type KeyResolver = (serial: string) => PublicKeyInput | undefined;

// ---------------------------------------------------------------------------------------------------------
// API v3 requests (merchant → WeChat Pay)
// ---------------------------------------------------------------------------------------------------------

/** Every HTTP method the v3 API uses; any other string is still signed as given (upper-cased). */
export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export interface RequestSignatureInput {
  method: HttpMethod | string;
  /** Path and query as sent (`/v3/pay/transactions/jsapi`); an absolute URL has its origin removed. */
  url: string;
  /** Unix seconds, as a decimal string. */
  timestamp: string;
  nonce: string;
  /** The exact bytes sent; '' for a request without a body (GET). */
  body: string;
}

export interface MerchantCredentials {
  mchid: string;
  /** Serial number of the merchant API certificate whose private key signs. */
  serialNo: string;
  privateKey: PrivateKeyInput;
}

/** The fields of `Authorization: WECHATPAY2-SHA256-RSA2048 ...`, named as on the wire. */
export interface AuthorizationFields {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

export interface SignedRequest extends AuthorizationFields {
  /** The full header value, scheme included. */
  authorization: string;
  /** The exact message that was signed, for logs when WeChat Pay answers SIGN_ERROR. */
  message: string;
}

export interface UnsignedRequest {
  method: HttpMethod | string;
  url: string;
  body: string;
}

// ---------------------------------------------------------------------------------------------------------
// Mini program payment (wx.requestPayment)
// ---------------------------------------------------------------------------------------------------------

/** The contract's wx.requestPayment parameters as API v3 signs them (RSA), passed through unchanged. */
export type PaymentParams = RequestPaymentParams & { signType: 'RSA' };

export interface PaySignInput {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  /** `prepay_id=...` */
  package: string;
}

// ---------------------------------------------------------------------------------------------------------
// Responses and notifications (WeChat Pay → merchant)
// ---------------------------------------------------------------------------------------------------------

/** Incoming HTTP headers in Node's shape; names are matched case-insensitively. */
export type HeaderBag = Readonly<Record<string, string | readonly string[] | undefined>>;

/**
 * The signature headers WeChat Pay puts on every response and notification. A type alias, not an interface,
 * so it is assignable to `HeaderBag` and the sandbox's output can be verified directly.
 */
export type WechatpaySignatureHeaders = {
  'Wechatpay-Timestamp': string;
  'Wechatpay-Nonce': string;
  'Wechatpay-Signature': string;
  'Wechatpay-Serial': string;
  'Wechatpay-Signature-Type': 'WECHATPAY2-SHA256-RSA2048';
};

export type SignatureFailureReason =
  | 'MISSING_HEADERS'
  | 'UNSUPPORTED_SIGNATURE_TYPE'
  | 'UNKNOWN_SERIAL'
  /** Outside the allowed window in either direction, or not a number of seconds at all. */
  | 'STALE_TIMESTAMP'
  | 'BAD_SIGNATURE';

export type SignatureCheck = { ok: true; serial: string } | { ok: false; reason: SignatureFailureReason };

export interface SignatureCheckInput {
  headers: HeaderBag;
  /** The raw body exactly as received; a re-serialised JSON object would not verify. */
  body: string;
  resolveKey: KeyResolver;
  now: Date;
  /** Allowed clock difference in seconds, either direction; 300 (five minutes) unless given. */
  maxSkewSeconds?: number;
}

export type AeadAlgorithm = 'AEAD_AES_256_GCM';

/** The encrypted `resource` of a notification. */
export interface EncryptedResource {
  algorithm: AeadAlgorithm;
  /** base64 of ciphertext followed by the 16-byte GCM tag. */
  ciphertext: string;
  nonce: string;
  associated_data: string;
  /** What the plaintext is: `transaction` for payments, `refund` for refunds. */
  original_type: string;
}

/** The outer JSON of a v3 notification; only `resource` is secret. */
export interface NotificationEnvelope {
  id: string;
  create_time: string;
  event_type: string;
  resource_type: string;
  summary: string;
  resource: EncryptedResource;
}

export type TradeType = 'JSAPI' | 'NATIVE' | 'APP' | 'MICROPAY' | 'MWEB' | 'FACEPAY';

export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';

/** Amounts in fen. `payer_total` can be below `total` when WeChat Pay coupons were used. */
export interface TransactionAmount {
  total: number;
  payer_total: number;
  currency: string;
  payer_currency: string;
}

/**
 * A v3 transaction as carried by a payment notification (and by the query API once paid). The domain compares
 * `amount.total` and `out_trade_no` with its order; this module only proves WeChat Pay sent it to us.
 */
export interface Transaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id: string;
  trade_type: TradeType;
  trade_state: TradeState;
  trade_state_desc: string;
  bank_type: string;
  /** RFC 3339 with offset, e.g. `2018-06-08T10:34:56+08:00`. */
  success_time: string;
  payer: { openid: string };
  amount: TransactionAmount;
  attach?: string;
}

export type NotificationFailureReason =
  | SignatureFailureReason
  | 'BAD_JSON'
  | 'WRONG_EVENT'
  | 'UNSUPPORTED_ALGORITHM'
  | 'DECRYPT_FAILED'
  /** Decrypted, but not a transaction object. */
  | 'BAD_TRANSACTION'
  | 'APPID_MISMATCH'
  | 'MCHID_MISMATCH';

/** Who the notification must be for: a genuine notification for another app or merchant is still not ours. */
export interface NotificationExpectations {
  appid: string;
  mchid: string;
}

export interface TransactionNotificationInput extends SignatureCheckInput {
  apiV3Key: string;
  expected: NotificationExpectations;
}

export type TransactionNotificationCheck =
  | {
      ok: true;
      transaction: Transaction;
      /** Notification id and metadata, for the inbox and logs. */
      event: Omit<NotificationEnvelope, 'resource'>;
    }
  | { ok: false; reason: NotificationFailureReason };

/** What the local sandbox needs to deliver a notification: the headers and the exact body to POST. */
export interface SignedNotification {
  headers: WechatpaySignatureHeaders;
  body: string;
}

// ---------------------------------------------------------------------------------------------------------
// API v2 (cloudPay callbacks and legacy endpoints)
// ---------------------------------------------------------------------------------------------------------

export type V2SignType = 'MD5' | 'HMAC-SHA256';

/** v2 parameters; empty and missing values are left out of the signature, as WeChat Pay does. */
export type V2Params = Readonly<Record<string, string | number | undefined | null>>;
