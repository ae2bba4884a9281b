/** API v2 signatures (MD5 or HMAC-SHA256 of sorted key=value pairs) for cloudPay callbacks and legacy APIs. */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import type { V2Params, V2SignType } from './types';

/**
 * `a=1&b=2&...&key=KEY`: names in ASCII order, empty values and `sign` itself left out, values as they are
 * (not URL-encoded), per the v2 signing rules.
 */
export function buildV2SignString(params: V2Params, key: string): string {
  const pairs = Object.keys(params)
    .filter((name) => name !== 'sign')
    .filter((name) => {
      const value = params[name];
      return value !== undefined && value !== null && String(value) !== '';
    })
    // Plain code-unit order, which is the ASCII order WeChat Pay means; localeCompare would not be.
    .sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))
    .map((name) => `${name}=${String(params[name])}`);
  return `${pairs.join('&')}&key=${key}`;
}

export function signV2(params: V2Params, key: string, signType: V2SignType = 'MD5'): string {
  const text = buildV2SignString(params, key);
  const digest =
    signType === 'MD5'
      ? createHash('md5').update(text, 'utf8').digest('hex')
      : createHmac('sha256', key).update(text, 'utf8').digest('hex');
  return digest.toUpperCase();
}

/**
 * Checks `params.sign`. The algorithm comes from the caller's configuration, not from the message's own
 * `sign_type`, so a forger cannot pick the weaker one.
 */
export function verifyV2Sign(params: V2Params, key: string, signType: V2SignType = 'MD5'): boolean {
  const given = params.sign;
  if (typeof given !== 'string' || given === '') return false;
  const expected = Buffer.from(signV2(params, key, signType), 'utf8');
  const actual = Buffer.from(given.toUpperCase(), 'utf8');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
