/** Payment notifications (v3 notify): verify and open one into a typed transaction, or build one for tests. */
import { AeadError, decryptResource, encryptResource } from './aead';
import { randomAeadNonce, randomNonce, systemClock } from './nonce-and-timestamp';
import { signWechatpayBody, verifyWechatpaySignature } from './response-signature';
import type {
  EncryptedResource,
  NonceSource,
  NotificationEnvelope,
  PrivateKeyInput,
  SignedNotification,
  SigningEntropy,
  TradeState,
  TradeType,
  Transaction,
  TransactionNotificationCheck,
  TransactionNotificationInput,
} from './types';

export const TRANSACTION_SUCCESS_EVENT = 'TRANSACTION.SUCCESS';
const TRANSACTION_ORIGINAL_TYPE = 'transaction';
const ENCRYPTED_RESOURCE_TYPE = 'encrypt-resource';

const TRADE_TYPES: readonly TradeType[] = ['JSAPI', 'NATIVE', 'APP', 'MICROPAY', 'MWEB', 'FACEPAY'];
const TRADE_STATES: readonly TradeState[] = [
  'SUCCESS',
  'REFUND',
  'NOTPAY',
  'CLOSED',
  'REVOKED',
  'USERPAYING',
  'PAYERROR',
];

type JsonObject = { readonly [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

/** Amounts are integer fen; a fraction or a negative number would corrupt the domain's comparison. */
function isFen(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

function isOneOf<T extends string>(value: unknown, allowed: readonly T[]): value is T {
  return typeof value === 'string' && (allowed as readonly string[]).includes(value);
}

function parseJsonObject(text: string): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

/** The envelope as received: the algorithm is still any string until it has been checked. */
type ReceivedEnvelope = Omit<NotificationEnvelope, 'resource'> & {
  resource: Omit<EncryptedResource, 'algorithm'> & { algorithm: string };
};

function readEnvelope(value: JsonObject): ReceivedEnvelope | undefined {
  const resource = value.resource;
  if (!isObject(resource)) return undefined;
  const { id, create_time, event_type, resource_type, summary } = value;
  const { algorithm, ciphertext, nonce, associated_data, original_type } = resource;
  if (!isString(id) || !isString(event_type) || !isString(resource_type)) return undefined;
  if (!isString(algorithm) || !isString(ciphertext) || !isString(nonce) || !isString(original_type)) {
    return undefined;
  }
  // associated_data is optional in WeChat Pay's schema; absent means empty AAD.
  if (associated_data !== undefined && !isString(associated_data)) return undefined;
  return {
    id,
    create_time: isString(create_time) ? create_time : '',
    event_type,
    resource_type,
    summary: isString(summary) ? summary : '',
    resource: {
      algorithm,
      ciphertext,
      nonce,
      associated_data: associated_data ?? '',
      original_type,
    },
  };
}

/** Exported for the query API's answers, which carry the same object unencrypted. */
export function readTransaction(value: unknown): Transaction | undefined {
  if (!isObject(value)) return undefined;
  const { appid, mchid, out_trade_no, transaction_id, trade_type, trade_state, trade_state_desc } = value;
  const { bank_type, success_time, payer, amount, attach } = value;
  if (!isString(appid) || !isString(mchid) || !isString(out_trade_no) || !isString(transaction_id))
    return undefined;
  if (!isOneOf(trade_type, TRADE_TYPES) || !isOneOf(trade_state, TRADE_STATES)) return undefined;
  if (!isString(trade_state_desc) || !isString(bank_type) || !isString(success_time)) return undefined;
  if (!isObject(payer) || !isString(payer.openid)) return undefined;
  if (!isObject(amount)) return undefined;
  const { total, payer_total, currency, payer_currency } = amount;
  if (!isFen(total) || !isFen(payer_total) || !isString(currency) || !isString(payer_currency))
    return undefined;
  if (attach !== undefined && !isString(attach)) return undefined;
  // Rebuilt field by field so nothing unchecked rides along into the domain.
  const transaction: Transaction = {
    appid,
    mchid,
    out_trade_no,
    transaction_id,
    trade_type,
    trade_state,
    trade_state_desc,
    bank_type,
    success_time,
    payer: { openid: payer.openid },
    amount: { total, payer_total, currency, payer_currency },
  };
  if (attach !== undefined) transaction.attach = attach;
  return transaction;
}

/**
 * Everything that makes a payment notification trustworthy except the amount, which only the order knows.
 * The signature is checked over the raw body before anything in it is believed; appid and mchid are checked
 * after decryption because only the sealed resource carries them.
 */
export function verifyTransactionNotification(
  input: TransactionNotificationInput,
): TransactionNotificationCheck {
  const signature = verifyWechatpaySignature(input);
  if (!signature.ok) return signature;

  const json = parseJsonObject(input.body);
  const envelope = json && readEnvelope(json);
  if (!envelope) return { ok: false, reason: 'BAD_JSON' };
  if (
    envelope.event_type !== TRANSACTION_SUCCESS_EVENT ||
    envelope.resource_type !== ENCRYPTED_RESOURCE_TYPE ||
    envelope.resource.original_type !== TRANSACTION_ORIGINAL_TYPE
  ) {
    return { ok: false, reason: 'WRONG_EVENT' };
  }
  const { resource, id, create_time, event_type, resource_type, summary } = envelope;
  if (resource.algorithm !== 'AEAD_AES_256_GCM') return { ok: false, reason: 'UNSUPPORTED_ALGORITHM' };

  let plaintext: string;
  try {
    plaintext = decryptResource({ ...resource, algorithm: 'AEAD_AES_256_GCM' }, input.apiV3Key);
  } catch (error) {
    // A malformed APIv3 key is our configuration, not the sender's fault: let it surface loudly.
    if (error instanceof AeadError && error.code === 'BAD_KEY') throw error;
    return { ok: false, reason: 'DECRYPT_FAILED' };
  }

  const transaction = readTransaction(parseJsonObject(plaintext));
  if (!transaction) return { ok: false, reason: 'BAD_TRANSACTION' };
  if (transaction.appid !== input.expected.appid) return { ok: false, reason: 'APPID_MISMATCH' };
  if (transaction.mchid !== input.expected.mchid) return { ok: false, reason: 'MCHID_MISMATCH' };

  return { ok: true, transaction, event: { id, create_time, event_type, resource_type, summary } };
}

/** RFC 3339 in China Standard Time, the way WeChat Pay writes `create_time` and `success_time`. */
export function formatChinaTime(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3600 * 1000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

export interface NotificationToSign {
  transaction: Transaction;
  apiV3Key: string;
  signer: { serial: string; privateKey: PrivateKeyInput };
  eventId?: string;
  /** Defaults to TRANSACTION.SUCCESS; tests set others to exercise rejection. */
  eventType?: string;
  summary?: string;
}

/** What WeChat Pay would POST to notify_url, for the tests of `verifyTransactionNotification`; never bundled. */
export function buildSignedNotification(
  notification: NotificationToSign,
  entropy: SigningEntropy & { aeadNonce?: NonceSource } = {},
): SignedNotification {
  const clock = entropy.clock ?? systemClock;
  const envelope: NotificationEnvelope = {
    id: notification.eventId ?? `EV-${randomNonce()}`,
    create_time: formatChinaTime(clock()),
    resource_type: ENCRYPTED_RESOURCE_TYPE,
    event_type: notification.eventType ?? TRANSACTION_SUCCESS_EVENT,
    summary: notification.summary ?? 'Payment succeeded',
    resource: encryptResource(
      {
        plaintext: JSON.stringify(notification.transaction),
        originalType: TRANSACTION_ORIGINAL_TYPE,
        associatedData: TRANSACTION_ORIGINAL_TYPE,
        apiV3Key: notification.apiV3Key,
      },
      entropy.aeadNonce ?? randomAeadNonce,
    ),
  };
  const body = JSON.stringify(envelope);
  return { headers: signWechatpayBody(body, notification.signer, entropy), body };
}
