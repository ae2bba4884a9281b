/** Builds the configured payment gateway: WeChat Pay API v3, cloudPay, or the local sandbox. */
import { createCloudPayGateway, type CloudPayApi } from './cloudpay-gateway';
import { GatewayError, type PaymentGateway } from './gateway';
import type { FetchLike } from './http-fetch';
import { createKeyResolver } from './keys';
import { systemClock } from './nonce-and-timestamp';
import type { PaymentConfig } from './payment-config';
import type { Clock, NonceSource } from './types';
import { createWechatpayV3Gateway } from './wechatpay-v3-gateway';

/** What the gateways reach the world through; each mode uses what it needs and tests replace all of it. */
export interface GatewayDeps {
  /** v3 and sandbox: HTTP to WeChat Pay (default: node:http(s), which Node 16 in the cloud can run). */
  fetch?: FetchLike;
  /** cloudpay: `cloud.cloudPay` of wx-server-sdk. */
  cloudPay?: CloudPayApi;
  clock?: Clock;
  nonce?: NonceSource;
}

/** Takes a configuration already checked by validatePaymentConfig / parsePaymentConfig. */
export function createGateway(config: PaymentConfig, deps: GatewayDeps = {}): PaymentGateway {
  if (config.mode === 'cloudpay') {
    if (!deps.cloudPay) {
      throw new GatewayError(
        'NOT_CONFIGURED',
        'INVALID_REQUEST',
        'cloudpay mode needs deps.cloudPay (cloud.cloudPay)',
      );
    }
    return createCloudPayGateway(config, { cloudPay: deps.cloudPay, clock: deps.clock, nonce: deps.nonce });
  }
  const resolveKey = createKeyResolver({
    publicKeys:
      config.wechatpayPublicKeyId !== undefined && config.wechatpayPublicKeyPem !== undefined
        ? { [config.wechatpayPublicKeyId]: config.wechatpayPublicKeyPem }
        : undefined,
    platformCertificates: config.platformCertificatePems,
    // An expired platform certificate no longer vouches for anything.
    clock: deps.clock ?? systemClock,
  });
  return createWechatpayV3Gateway(
    {
      mode: config.mode,
      appid: config.appid,
      mchid: config.mchid,
      merchantSerialNo: config.merchantSerialNo,
      merchantPrivateKey: config.merchantPrivateKeyPem,
      apiV3Key: config.apiV3Key,
      resolveKey,
      notifyUrl: config.notifyUrl,
      baseUrl: config.baseUrl,
    },
    { fetch: deps.fetch, clock: deps.clock, nonce: deps.nonce },
  );
}
