/** The payment notification verifier: the one genuine notification passes, every kind of bad one is named. */
import { generateKeyPairSync } from 'node:crypto';
import {
  buildSignedNotification,
  createKeyResolver,
  encryptResource,
  signWechatpayBody,
  verifyTransactionNotification,
  type HeaderBag,
  type NotificationEnvelope,
  type TransactionNotificationInput,
} from '../../../cloudfunctions/common/payments';
import {
  API_V3_KEY,
  APPID,
  MCHID,
  NOW,
  WECHATPAY_PUBLIC_KEY_ID,
  paidTransaction,
  wechatpayKeyPair,
} from './support';

const signer = { serial: WECHATPAY_PUBLIC_KEY_ID, privateKey: wechatpayKeyPair.privateKey };
const resolveKey = createKeyResolver({
  publicKeys: {
    [WECHATPAY_PUBLIC_KEY_ID]: wechatpayKeyPair.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  },
});
const atNow = { clock: () => NOW };

function notify(overrides: Partial<Parameters<typeof buildSignedNotification>[0]> = {}) {
  return buildSignedNotification(
    { transaction: paidTransaction(), apiV3Key: API_V3_KEY, signer, ...overrides },
    atNow,
  );
}

function check(headers: HeaderBag, body: string, overrides: Partial<TransactionNotificationInput> = {}) {
  return verifyTransactionNotification({
    headers,
    body,
    resolveKey,
    now: NOW,
    apiV3Key: API_V3_KEY,
    expected: { appid: APPID, mchid: MCHID },
    ...overrides,
  });
}

/** Signs an arbitrary body as WeChat Pay would, to reach the checks that come after the signature. */
function signedAsWechatpay(body: string) {
  return { headers: signWechatpayBody(body, signer, atNow), body };
}

function envelopeOf(body: string): NotificationEnvelope {
  return JSON.parse(body) as NotificationEnvelope;
}

describe('verifyTransactionNotification', () => {
  it('accepts a genuine notification and returns the typed transaction and event', () => {
    const { headers, body } = notify({ eventId: 'EV-2025011510000001' });
    const result = check(headers, body);
    expect(result).toEqual({
      ok: true,
      transaction: paidTransaction(),
      event: {
        id: 'EV-2025011510000001',
        create_time: '2025-01-15T18:00:00+08:00',
        event_type: 'TRANSACTION.SUCCESS',
        resource_type: 'encrypt-resource',
        summary: 'Payment succeeded',
      },
    });
  });

  it('reads headers whatever their case, and single-valued arrays as Node gives them', () => {
    const { headers, body } = notify();
    const lowerCased: Record<string, string[]> = {};
    for (const [name, value] of Object.entries(headers)) lowerCased[name.toLowerCase()] = [value];
    expect(check(lowerCased, body).ok).toBe(true);
  });

  describe('signature', () => {
    it('rejects a signature made with another key (forged)', () => {
      const forger = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const { headers, body } = buildSignedNotification(
        {
          transaction: paidTransaction(),
          apiV3Key: API_V3_KEY,
          signer: { serial: WECHATPAY_PUBLIC_KEY_ID, privateKey: forger.privateKey },
        },
        atNow,
      );
      expect(check(headers, body)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    });

    it("rejects WeChat Pay's signature probe, which it sends to see that merchants do verify", () => {
      const { headers, body } = notify();
      const probe = {
        ...headers,
        'Wechatpay-Signature': `WECHATPAY/SIGNTEST/${headers['Wechatpay-Signature']}`,
      };
      expect(check(probe, body)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    });

    it('rejects a body changed after signing', () => {
      const { headers, body } = notify();
      const envelope = envelopeOf(body);
      const tampered = JSON.stringify({ ...envelope, summary: `${envelope.summary}!` });
      expect(check(headers, tampered)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
      // Even a change invisible to a JSON parser breaks the signature: it covers the raw bytes.
      expect(check(headers, `${body} `)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
    });

    it('rejects a signature that is not base64 of anything', () => {
      const { headers, body } = notify();
      expect(check({ ...headers, 'Wechatpay-Signature': '!!!' }, body)).toEqual({
        ok: false,
        reason: 'BAD_SIGNATURE',
      });
    });

    it('rejects an unknown serial', () => {
      const { headers, body } = notify();
      const unknown = { ...headers, 'Wechatpay-Serial': 'PUB_KEY_ID_0114232134912410000000000000000999' };
      expect(check(unknown, body)).toEqual({ ok: false, reason: 'UNKNOWN_SERIAL' });
    });

    it('rejects another signature scheme', () => {
      const { headers, body } = notify();
      const other = { ...headers, 'Wechatpay-Signature-Type': 'WECHATPAY2-SM2-WITH-SM3' };
      expect(check(other, body)).toEqual({ ok: false, reason: 'UNSUPPORTED_SIGNATURE_TYPE' });
    });

    it.each(['Wechatpay-Timestamp', 'Wechatpay-Nonce', 'Wechatpay-Signature', 'Wechatpay-Serial'])(
      'rejects a notification without %s',
      (name) => {
        const { headers, body } = notify();
        const without: Record<string, string> = { ...headers };
        delete without[name];
        expect(check(without, body)).toEqual({ ok: false, reason: 'MISSING_HEADERS' });
        expect(check({ ...headers, [name]: '' }, body)).toEqual({ ok: false, reason: 'MISSING_HEADERS' });
      },
    );

    it('rejects a header given twice, since either value could be the one that was checked', () => {
      const { headers, body } = notify();
      const doubled = { ...headers, 'Wechatpay-Serial': [headers['Wechatpay-Serial'], 'PUB_KEY_ID_OTHER'] };
      expect(check(doubled, body)).toEqual({ ok: false, reason: 'MISSING_HEADERS' });
    });
  });

  describe('timestamp', () => {
    const minutes = (n: number) => n * 60_000;

    it.each([
      ['6 minutes old', -6],
      ['6 minutes in the future', 6],
    ])('rejects a notification signed %s', (_label, offset) => {
      const { headers, body } = buildSignedNotification(
        { transaction: paidTransaction(), apiV3Key: API_V3_KEY, signer },
        { clock: () => new Date(NOW.getTime() + minutes(offset)) },
      );
      expect(check(headers, body)).toEqual({ ok: false, reason: 'STALE_TIMESTAMP' });
    });

    it.each([
      ['exactly 5 minutes old', -5],
      ['exactly 5 minutes in the future', 5],
    ])('accepts a notification signed %s', (_label, offset) => {
      const { headers, body } = buildSignedNotification(
        { transaction: paidTransaction(), apiV3Key: API_V3_KEY, signer },
        { clock: () => new Date(NOW.getTime() + minutes(offset)) },
      );
      expect(check(headers, body).ok).toBe(true);
    });

    it('rejects a timestamp that is not whole seconds', () => {
      const { headers, body } = notify();
      const odd = { ...headers, 'Wechatpay-Timestamp': `${headers['Wechatpay-Timestamp']}.0` };
      expect(check(odd, body)).toEqual({ ok: false, reason: 'STALE_TIMESTAMP' });
    });
  });

  describe('content', () => {
    it('rejects a signed body that is not JSON, or not a notification', () => {
      for (const body of ['not json', '[]', '{"id":"EV-1","event_type":"TRANSACTION.SUCCESS"}']) {
        const signed = signedAsWechatpay(body);
        expect(check(signed.headers, signed.body)).toEqual({ ok: false, reason: 'BAD_JSON' });
      }
    });

    it('rejects another event type, such as a refund', () => {
      const { headers, body } = notify({ eventType: 'REFUND.SUCCESS' });
      expect(check(headers, body)).toEqual({ ok: false, reason: 'WRONG_EVENT' });
    });

    it('rejects an algorithm other than AEAD_AES_256_GCM', () => {
      const envelope = envelopeOf(notify().body);
      const other = JSON.stringify({
        ...envelope,
        resource: { ...envelope.resource, algorithm: 'AEAD_SM4_GCM' },
      });
      const signed = signedAsWechatpay(other);
      expect(check(signed.headers, signed.body)).toEqual({ ok: false, reason: 'UNSUPPORTED_ALGORITHM' });
    });

    it('rejects a tampered ciphertext even when the body is signed again', () => {
      const envelope = envelopeOf(notify().body);
      const sealed = Buffer.from(envelope.resource.ciphertext, 'base64');
      sealed[5] ^= 0x01;
      const tampered = JSON.stringify({
        ...envelope,
        resource: { ...envelope.resource, ciphertext: sealed.toString('base64') },
      });
      const signed = signedAsWechatpay(tampered);
      expect(check(signed.headers, signed.body)).toEqual({ ok: false, reason: 'DECRYPT_FAILED' });
    });

    it('rejects a resource whose associated data was changed', () => {
      const envelope = envelopeOf(notify().body);
      const moved = JSON.stringify({
        ...envelope,
        resource: { ...envelope.resource, associated_data: 'refund' },
      });
      const signed = signedAsWechatpay(moved);
      expect(check(signed.headers, signed.body)).toEqual({ ok: false, reason: 'DECRYPT_FAILED' });
    });

    it('rejects a resource sealed with another APIv3 key', () => {
      const { headers, body } = notify();
      expect(check(headers, body, { apiV3Key: 'ZYXWVUTSRQPONMLKJIHGFEDCBA987654' })).toEqual({
        ok: false,
        reason: 'DECRYPT_FAILED',
      });
    });

    it('throws instead of answering when our own APIv3 key is malformed, so the misconfiguration is seen', () => {
      const { headers, body } = notify();
      expect(() => check(headers, body, { apiV3Key: 'too-short' })).toThrow('APIv3 key must be 32 bytes');
    });

    it('rejects a decrypted resource that is not a transaction', () => {
      const envelope = envelopeOf(notify().body);
      const cases = [
        'not json',
        JSON.stringify({ ...paidTransaction(), amount: { ...paidTransaction().amount, total: 25.9 } }),
        JSON.stringify({ ...paidTransaction(), trade_state: 'PAID' }),
        JSON.stringify({ ...paidTransaction(), payer: {} }),
      ];
      for (const plaintext of cases) {
        const resource = encryptResource({
          plaintext,
          originalType: 'transaction',
          associatedData: 'transaction',
          apiV3Key: API_V3_KEY,
        });
        const signed = signedAsWechatpay(JSON.stringify({ ...envelope, resource }));
        expect(check(signed.headers, signed.body)).toEqual({ ok: false, reason: 'BAD_TRANSACTION' });
      }
    });

    it('rejects a genuine notification for another mini program', () => {
      const { headers, body } = notify({ transaction: paidTransaction({ appid: 'wx0000000000000000' }) });
      expect(check(headers, body)).toEqual({ ok: false, reason: 'APPID_MISMATCH' });
    });

    it('rejects a genuine notification for another merchant', () => {
      const { headers, body } = notify({ transaction: paidTransaction({ mchid: '1900000109' }) });
      expect(check(headers, body)).toEqual({ ok: false, reason: 'MCHID_MISMATCH' });
    });

    it('keeps only the known transaction fields', () => {
      const envelope = envelopeOf(notify().body);
      const resource = encryptResource({
        plaintext: JSON.stringify({
          ...paidTransaction({ attach: 'cart-7' }),
          scene_info: { device_id: '013467007045764' },
        }),
        originalType: 'transaction',
        associatedData: 'transaction',
        apiV3Key: API_V3_KEY,
      });
      const signed = signedAsWechatpay(JSON.stringify({ ...envelope, resource }));
      const result = check(signed.headers, signed.body);
      expect(result.ok && result.transaction).toEqual(paidTransaction({ attach: 'cart-7' }));
    });
  });
});
