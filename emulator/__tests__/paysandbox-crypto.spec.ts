/**
 * The sandbox's own WeChat Pay cryptography against the published examples (test/fixtures/wechatpay-vectors.json):
 * the functions are checked against the same file, so both sides answer to an outside truth, not to each other.
 */
import { createPublicKey, generateKeyPairSync, createDecipheriv } from 'node:crypto';
import vectors from '../../test/fixtures/wechatpay-vectors.json';
import {
  aesGcmSeal,
  answerSignatureString,
  chinaTime,
  headerValue,
  paySignString,
  readAuthorization,
  requestSignatureString,
  rsaSign,
  rsaVerify,
  sameSerial,
  signedPaymentNotification,
  v2Signature,
  v2SignatureMatches,
} from '../paysandbox/wechatpay-crypto';

const merchantKey = vectors.merchantTestKey.privateKeyPem;
const merchantPublicKey = createPublicKey(merchantKey);

describe('checking the merchant: mini program paySign', () => {
  const v = vectors.paySign;

  it('builds the published signature string and verifies the published paySign', () => {
    const message = paySignString(v);
    expect(message).toBe(v.message);
    expect(rsaVerify(message, v.paySign, merchantPublicKey)).toBe(true);
    expect(rsaSign(message, merchantKey)).toBe(v.paySign);
  });

  it('refuses the paySign for another package', () => {
    const message = paySignString({ ...v, package: 'prepay_id=wx0000000000000000000000000000000000' });
    expect(rsaVerify(message, v.paySign, merchantPublicKey)).toBe(false);
  });
});

describe('checking the merchant: API v3 request signatures', () => {
  it.each([
    ['POST with a body', vectors.requestSignature],
    ['GET with an empty body', vectors.requestSignatureGetEmptyBody],
  ])('verifies the published signature (%s) and nothing else', (_label, v) => {
    const message = requestSignatureString(v);
    expect(message).toBe(`${v.method}\n${v.url}\n${v.timestamp}\n${v.nonce}\n${v.body}\n`);
    expect(rsaSign(message, merchantKey)).toBe(v.signature);
    expect(rsaVerify(message, v.signature, merchantPublicKey)).toBe(true);
    expect(
      rsaVerify(requestSignatureString({ ...v, body: `${v.body} ` }), v.signature, merchantPublicKey),
    ).toBe(false);
  });

  it('reads the Authorization header in any field order, and refuses another scheme or a missing field', () => {
    const v = vectors.requestSignature;
    const serial = vectors.merchantTestKey.serialNo;
    const header =
      `WECHATPAY2-SHA256-RSA2048 serial_no="${serial}",mchid="${vectors.merchantTestKey.mchid}",` +
      `nonce_str="${v.nonce}",timestamp="${v.timestamp}",signature="${v.signature}"`;
    expect(readAuthorization(header)).toEqual({
      mchid: vectors.merchantTestKey.mchid,
      nonce_str: v.nonce,
      signature: v.signature,
      timestamp: v.timestamp,
      serial_no: serial,
    });
    expect(readAuthorization(header.replace('WECHATPAY2-SHA256-RSA2048', 'Bearer'))).toBeUndefined();
    expect(readAuthorization(header.replace(/,timestamp="\d+"/, ''))).toBeUndefined();
    expect(readAuthorization(`${header},junk`)).toBeUndefined();
    expect(sameSerial(serial.toLowerCase(), `00${serial}`)).toBe(true);
    expect(sameSerial(serial, `${serial}0`)).toBe(false);
  });

  it('reads headers case-insensitively and takes a repeated one as absent', () => {
    expect(headerValue({ authorization: ' x ' }, 'Authorization')).toBe('x');
    expect(headerValue({ Authorization: ['a', 'b'] }, 'authorization')).toBeUndefined();
    expect(headerValue({}, 'Authorization')).toBeUndefined();
  });
});

describe('signing as WeChat Pay: answers and notifications', () => {
  it('builds the published answer signature string, which verifies under the published public key', () => {
    const v = vectors.responseVerification;
    const message = answerSignatureString(v.timestamp, v.nonce, v.body);
    expect(message).toBe(`${v.timestamp}\n${v.nonce}\n${v.body}\n`);
    expect(rsaVerify(message, v.signature, v.publicKeyPem)).toBe(v.valid);
  });

  it('seals with AEAD_AES_256_GCM to the published ciphertext', () => {
    const v = vectors.aes256gcm;
    expect(
      aesGcmSeal({
        plaintext: v.plaintext,
        associatedData: v.associatedData,
        nonce: v.nonce,
        apiV3Key: v.apiV3Key,
      }),
    ).toBe(v.ciphertext);
    expect(() => aesGcmSeal({ ...v, apiV3Key: 'short' })).toThrow(RangeError);
  });

  it('sends a notification whose headers sign the exact body and whose resource opens with the APIv3 key', () => {
    const wechatpay = generateKeyPairSync('rsa', { modulusLength: 2048 });
    const apiV3Key = vectors.aes256gcm.apiV3Key;
    const clock = () => new Date('2025-01-15T10:00:00Z');
    const transaction = { out_trade_no: 'SO1', trade_state: 'SUCCESS' };
    const { headers, body } = signedPaymentNotification({
      transaction,
      eventId: 'EV-1',
      summary: '支付成功',
      apiV3Key,
      key: { serial: 'PUB_KEY_ID_01', privateKey: wechatpay.privateKey },
      clock,
    });
    expect(headers['Wechatpay-Timestamp']).toBe(String(Date.parse('2025-01-15T10:00:00Z') / 1000));
    expect(headers['Wechatpay-Serial']).toBe('PUB_KEY_ID_01');
    const signed = answerSignatureString(headers['Wechatpay-Timestamp'], headers['Wechatpay-Nonce'], body);
    expect(rsaVerify(signed, headers['Wechatpay-Signature'], wechatpay.publicKey)).toBe(true);

    const envelope = JSON.parse(body);
    expect(envelope).toMatchObject({
      id: 'EV-1',
      create_time: '2025-01-15T18:00:00+08:00',
      event_type: 'TRANSACTION.SUCCESS',
      resource_type: 'encrypt-resource',
      resource: {
        algorithm: 'AEAD_AES_256_GCM',
        associated_data: 'transaction',
        original_type: 'transaction',
      },
    });
    const sealed = Buffer.from(envelope.resource.ciphertext, 'base64');
    const decipher = createDecipheriv(
      'aes-256-gcm',
      Buffer.from(apiV3Key),
      Buffer.from(envelope.resource.nonce),
    );
    decipher.setAAD(Buffer.from('transaction'));
    decipher.setAuthTag(sealed.subarray(sealed.length - 16));
    const plaintext = Buffer.concat([
      decipher.update(sealed.subarray(0, sealed.length - 16)),
      decipher.final(),
    ]);
    expect(JSON.parse(plaintext.toString('utf8'))).toEqual(transaction);
  });

  it('writes times in China Standard Time', () => {
    expect(chinaTime(new Date('2025-12-31T16:30:05Z'))).toBe('2026-01-01T00:30:05+08:00');
  });
});

describe('v2 (cloudPay) signatures', () => {
  const v = vectors.v2Sign;

  it('reproduces the published MD5 and HMAC-SHA256 signatures', () => {
    expect(v2Signature(v.params, v.key, 'MD5')).toBe(v.md5);
    expect(v2Signature(v.params, v.key, 'HMAC-SHA256')).toBe(v.hmacSha256);
  });

  it('leaves out empty fields and sign itself, and checks a sign in either case', () => {
    expect(v2Signature({ ...v.params, sign: 'X', empty: '', none: undefined }, v.key)).toBe(v.md5);
    expect(v2SignatureMatches({ ...v.params, sign: v.md5.toLowerCase() }, v.key)).toBe(true);
    expect(v2SignatureMatches({ ...v.params, body: 'other', sign: v.md5 }, v.key)).toBe(false);
    expect(v2SignatureMatches(v.params, v.key)).toBe(false);
  });
});
