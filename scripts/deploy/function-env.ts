/**
 * The environment variables each cloud function needs, from the deployment configuration. miniprogram-ci
 * cannot set them, so they are printed for the cloud console: secrets masked unless asked for, PEMs on one
 * line with "\n" for line breaks (the form payment-config reads back).
 */
import path from 'node:path';
import { PAYMENT_ENV } from '../../cloudfunctions/common/payments/payment-config';
import type { ShopConfig } from '../lib/shop-config';

/** Names readShopSettings (cloudfunctions/common/config/shop-settings.ts) reads. */
export const SHOP_ENV = {
  orderExpiryMinutes: 'SHOP_ORDER_EXPIRY_MINUTES',
  shippingRule: 'SHOP_SHIPPING_RULE',
  adminOpenids: 'SHOP_ADMIN_OPENIDS',
  /** Read by cloudfunctions/common/config/message-templates.ts. */
  messageTemplates: 'SHOP_MESSAGE_TEMPLATES',
  /** Read by cloudfunctions/common/config/after-sales-settings.ts. */
  afterSales: 'SHOP_AFTER_SALES',
} as const;

/** A cloud function's environment variables may total 4 KB (names and values), a limit of the platform. */
export const FUNCTION_ENV_LIMIT_BYTES = 4096;

export interface FunctionVariable {
  name: string;
  value: string;
  /** Never printed unless asked for. */
  secret: boolean;
  /** The file(s) the value was read from, named instead of printing a long PEM. */
  files?: string[];
}

/** Consoles take one line per value; payment-config turns "\n" back into line breaks. */
export function oneLine(pem: string): string {
  return pem.trim().replace(/\r?\n/g, '\\n');
}

/** Every variable the configuration sets, whichever function reads it. */
export function shopVariables(config: ShopConfig): FunctionVariable[] {
  const variables: FunctionVariable[] = [];
  const add = (name: string, value: string | undefined, extra: Partial<FunctionVariable> = {}): void => {
    if (value !== undefined && value !== '') variables.push({ name, value, secret: false, ...extra });
  };
  const payment = config.payment;
  add(PAYMENT_ENV.mode, payment.mode);
  add(PAYMENT_ENV.appid, payment.appid);
  if (payment.mode === 'cloudpay') {
    add(PAYMENT_ENV.subMchId, payment.subMchId);
    add(PAYMENT_ENV.envId, payment.envId);
    add(PAYMENT_ENV.callbackFunction, payment.callbackFunction);
  } else {
    const files = config.paymentFiles;
    add(PAYMENT_ENV.mchid, payment.mchid);
    add(PAYMENT_ENV.merchantSerialNo, payment.merchantSerialNo);
    add(PAYMENT_ENV.merchantPrivateKeyPem, oneLine(payment.merchantPrivateKeyPem), {
      secret: true,
      ...(files.merchantPrivateKeyPem ? { files: [files.merchantPrivateKeyPem] } : {}),
    });
    add(PAYMENT_ENV.apiV3Key, payment.apiV3Key, { secret: true });
    add(PAYMENT_ENV.wechatpayPublicKeyId, payment.wechatpayPublicKeyId);
    if (payment.wechatpayPublicKeyPem) {
      add(PAYMENT_ENV.wechatpayPublicKeyPem, oneLine(payment.wechatpayPublicKeyPem), {
        ...(files.wechatpayPublicKeyPem ? { files: [files.wechatpayPublicKeyPem] } : {}),
      });
    }
    if (payment.platformCertificatePems && payment.platformCertificatePems.length > 0) {
      add(PAYMENT_ENV.platformCertificatePems, payment.platformCertificatePems.map(oneLine).join('\\n'), {
        files: files.platformCertificatePems ?? [],
      });
    }
    add(PAYMENT_ENV.notifyUrl, payment.notifyUrl);
    add(PAYMENT_ENV.baseUrl, payment.baseUrl);
  }
  if (config.orderExpiryMinutes !== undefined)
    add(SHOP_ENV.orderExpiryMinutes, String(config.orderExpiryMinutes));
  if (config.shippingRule !== undefined) add(SHOP_ENV.shippingRule, JSON.stringify(config.shippingRule));
  add(SHOP_ENV.adminOpenids, config.adminOpenids.join(','));
  if (config.messageTemplates && Object.keys(config.messageTemplates).length > 0)
    add(SHOP_ENV.messageTemplates, JSON.stringify(config.messageTemplates));
  if (config.afterSales) add(SHOP_ENV.afterSales, JSON.stringify(config.afterSales));
  return variables;
}

/**
 * The variables a function reads: those named in its bundle. The bundle is what runs, so the list follows
 * the code (a function that stops reading the shop settings stops getting them) without a table to update.
 */
export function variablesOfBundle(bundle: string, all: readonly FunctionVariable[]): FunctionVariable[] {
  return all.filter((variable) => new RegExp(`\\b${variable.name}\\b`).test(bundle));
}

export function environmentBytes(variables: readonly FunctionVariable[]): number {
  return variables.reduce(
    (total, variable) => total + Buffer.byteLength(variable.name + variable.value, 'utf8'),
    0,
  );
}

/** What to print for a value: the value itself, or what it is and where it comes from. */
export function shownValue(variable: FunctionVariable, reveal: boolean): string {
  if (reveal) return variable.value;
  const length = `${variable.value.length} characters`;
  if (variable.files && variable.files.length > 0) {
    const names = variable.files.map((file) => path.basename(file)).join(' + ');
    return `<${names} on one line, "\\n" for line breaks: ${length}${variable.secret ? ', secret' : ''}>`;
  }
  return variable.secret ? `<secret: ${length}>` : variable.value;
}

/** Lines as `NAME=value`, for the console's environment variable editor. */
export function environmentLines(variables: readonly FunctionVariable[], reveal: boolean): string[] {
  return variables.map((variable) => `${variable.name}=${shownValue(variable, reveal)}`);
}

/** As an object, the way the functions see process.env (for tests and round trips). */
export function asEnvironment(variables: readonly FunctionVariable[]): Record<string, string> {
  return Object.fromEntries(variables.map((variable) => [variable.name, variable.value]));
}
