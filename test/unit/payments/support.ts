/** Shared material of the payments specs: the published vectors, a stand-in WeChat Pay key, a paid transaction. */
import { generateKeyPairSync } from 'node:crypto';
import vectors from '../../fixtures/wechatpay-vectors.json';
import type { Transaction } from '../../../cloudfunctions/common/payments';

export { vectors };

export const APPID = 'wx2421b1c4370ec43b';
export const MCHID = vectors.merchantTestKey.mchid;
export const API_V3_KEY = vectors.aes256gcm.apiV3Key;

/** A fixed "now" for every timestamp check, so no spec depends on the machine's clock. */
export const NOW = new Date('2025-01-15T10:00:00Z');

/**
 * WeChat Pay never publishes the private half of its keys, so notifications in these specs are signed by a key
 * pair made here and registered under a public key id, as a merchant would register WeChat Pay's real one.
 */
export const wechatpayKeyPair = generateKeyPairSync('rsa', { modulusLength: 2048 });
export const WECHATPAY_PUBLIC_KEY_ID = 'PUB_KEY_ID_0114232134912410000000000000000001';

export function paidTransaction(overrides: Partial<Transaction> = {}): Transaction {
  return {
    appid: APPID,
    mchid: MCHID,
    out_trade_no: 'SO20250115000001',
    transaction_id: '4200002345202501150000000001',
    trade_type: 'JSAPI',
    trade_state: 'SUCCESS',
    trade_state_desc: 'Payment succeeded',
    bank_type: 'OTHERS',
    success_time: '2025-01-15T18:00:00+08:00',
    payer: { openid: 'oUpF8uMuAJO_M2pxb1Q9zNjWeS6o' },
    amount: { total: 2590, payer_total: 2590, currency: 'CNY', payer_currency: 'CNY' },
    ...overrides,
  };
}
