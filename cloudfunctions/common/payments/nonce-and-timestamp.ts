/** Nonces and timestamps for WeChat Pay signatures, with the system defaults that tests replace. */
import { randomBytes, randomInt } from 'node:crypto';
import { nowDate } from '../runtime/clock';
import type { Clock, NonceSource } from './types';

/** 32 upper-case hex characters: the longest nonce_str WeChat Pay accepts, from 128 random bits. */
export const randomNonce: NonceSource = () => randomBytes(16).toString('hex').toUpperCase();

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * The 12-character nonce of AES-256-GCM resources. Its bytes are the GCM IV, so it must be exactly 12 bytes
 * of ASCII; WeChat Pay uses alphanumerics, and so do we.
 */
export const randomAeadNonce: NonceSource = () => {
  let nonce = '';
  for (let i = 0; i < 12; i += 1) nonce += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return nonce;
};

/** The functions' clock (see runtime/clock.ts): the system clock in the cloud, a moved one in tests. */
export const systemClock: Clock = () => nowDate();

/** Whole Unix seconds as WeChat Pay writes them in timestamps and `timeStamp`. */
export function unixSeconds(date: Date): string {
  return String(Math.floor(date.getTime() / 1000));
}
