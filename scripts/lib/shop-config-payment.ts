/**
 * The payment part of the deployment configuration: key files read into PEMs, then the functions' own
 * validatePaymentConfig, its messages renamed to the file's fields (paths instead of PEMs).
 */
import fs from 'node:fs';
import path from 'node:path';
import {
  validatePaymentConfig,
  type PaymentConfig,
} from '../../cloudfunctions/common/payments/payment-config';

/** The function cloudPay calls with a payment result unless the configuration names another. */
export const DEFAULT_CALLBACK_FUNCTION = 'payCallback';

/** Where each PEM of the payment came from, so output can name the file instead of printing a key. */
export interface PaymentFiles {
  merchantPrivateKeyPem?: string;
  wechatpayPublicKeyPem?: string;
  platformCertificatePems?: string[];
}

/** One problem: the field it is about (to keep one line per field) and the line shown. */
export interface Problem {
  field: string;
  line: string;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads a file the configuration points at; a problem names the field and the absolute path. */
export function readReferencedFile(
  field: string,
  relative: string,
  baseDir: string,
): { text?: string; problem?: Problem } {
  const file = path.resolve(baseDir, relative);
  if (!fs.existsSync(file)) return { problem: { field, line: `${field}: file not found: ${file}` } };
  if (!fs.statSync(file).isFile()) return { problem: { field, line: `${field}: not a file: ${file}` } };
  return { text: fs.readFileSync(file, 'utf8') };
}

/** Names the payment-config validator uses for what the file gives as paths. */
const PEM_FIELDS: Record<string, string> = {
  merchantPrivateKeyPem: 'merchantPrivateKeyPath',
  wechatpayPublicKeyPem: 'wechatpayPublicKeyPath',
  platformCertificatePems: 'platformCertificatePaths',
};

function fileFieldName(validatorField: string): string {
  const [head, ...rest] = validatorField.split('.');
  if (head === 'appid' || head === 'envId') return head;
  const renamed = PEM_FIELDS[head] ?? head;
  const index = rest.length > 0 && /^\d+$/.test(rest[0]) ? `[${rest[0]}]` : '';
  return `payment.${renamed}${index}`;
}

export interface PaymentCheck {
  problems: Problem[];
  config?: PaymentConfig;
  files: PaymentFiles;
}

/** The payment part: mode first, then files read into PEMs, then the functions' own validation. */
export function checkPayment(raw: Record<string, unknown>, baseDir: string): PaymentCheck {
  const payment = raw.payment;
  const files: PaymentFiles = {};
  if (!isRecord(payment) || typeof payment.mode !== 'string') return { problems: [], files };
  if (payment.mode === 'sandbox') {
    const line = `payment.mode: "sandbox" is the local cloud's stand-in; a deployed shop uses "wechatpay-v3" or "cloudpay"`;
    return { problems: [{ field: 'payment.mode', line }], files };
  }
  if (payment.mode !== 'wechatpay-v3' && payment.mode !== 'cloudpay') {
    return {
      problems: [{ field: 'payment.mode', line: 'payment.mode: must be "wechatpay-v3" or "cloudpay"' }],
      files,
    };
  }
  const problems: Problem[] = [];
  const read = (field: string, relative: unknown): string | undefined => {
    if (typeof relative !== 'string' || relative === '') return undefined;
    const { text, problem } = readReferencedFile(field, relative, baseDir);
    if (problem) problems.push(problem);
    return text;
  };
  const resolve = (relative: unknown): string | undefined =>
    typeof relative === 'string' && relative !== '' ? path.resolve(baseDir, relative) : undefined;

  let input: Record<string, unknown>;
  if (payment.mode === 'cloudpay') {
    input = {
      mode: payment.mode,
      appid: raw.appid,
      subMchId: payment.subMchId,
      envId: raw.envId,
      callbackFunction: payment.callbackFunction ?? DEFAULT_CALLBACK_FUNCTION,
    };
  } else {
    const certificatePaths = Array.isArray(payment.platformCertificatePaths)
      ? payment.platformCertificatePaths
      : [];
    files.merchantPrivateKeyPem = resolve(payment.merchantPrivateKeyPath);
    files.wechatpayPublicKeyPem = resolve(payment.wechatpayPublicKeyPath);
    files.platformCertificatePems = certificatePaths.map((item) => resolve(item) ?? '');
    input = {
      mode: payment.mode,
      appid: raw.appid,
      mchid: payment.mchid,
      merchantSerialNo: payment.merchantSerialNo,
      merchantPrivateKeyPem: read('payment.merchantPrivateKeyPath', payment.merchantPrivateKeyPath),
      apiV3Key: payment.apiV3Key,
      wechatpayPublicKeyId: payment.wechatpayPublicKeyId,
      wechatpayPublicKeyPem: read('payment.wechatpayPublicKeyPath', payment.wechatpayPublicKeyPath),
      platformCertificatePems:
        certificatePaths.length === 0
          ? undefined
          : certificatePaths.map(
              (item, index) => read(`payment.platformCertificatePaths[${index}]`, item) ?? '',
            ),
      notifyUrl: payment.notifyUrl,
    };
  }
  const check = validatePaymentConfig(input);
  if (check.ok) return { problems, config: check.config, files };
  for (const error of check.errors) {
    const separator = error.indexOf(': ');
    const field = fileFieldName(error.slice(0, separator));
    let message = error.slice(separator + 2);
    for (const [pemName, pathName] of Object.entries(PEM_FIELDS))
      message = message.split(pemName).join(pathName);
    const file = field.startsWith('payment.') ? fileOf(field, files) : undefined;
    problems.push({
      field,
      line:
        message === 'is required' ? `${field} is missing` : `${field}: ${message}${file ? ` (${file})` : ''}`,
    });
  }
  return { problems, files };
}

function fileOf(field: string, files: PaymentFiles): string | undefined {
  if (field === 'payment.merchantPrivateKeyPath') return files.merchantPrivateKeyPem;
  if (field === 'payment.wechatpayPublicKeyPath') return files.wechatpayPublicKeyPem;
  const certificate = /^payment\.platformCertificatePaths\[(\d+)\]$/.exec(field);
  return certificate ? files.platformCertificatePems?.[Number(certificate[1])] : undefined;
}
