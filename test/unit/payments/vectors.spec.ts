/** Every example of the published WeChat Pay vectors, reproduced by the payments module. */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  buildPaySignMessage,
  buildRequestSignatureMessage,
  buildResponseSignatureMessage,
  buildV2SignString,
  createPaymentParams,
  decryptAes256Gcm,
  decryptResource,
  encryptAes256Gcm,
  signMessage,
  signPayment,
  signRequest,
  signV2,
  verifyMessage,
  verifyV2Sign,
  verifyWechatpaySignature,
  createKeyResolver,
} from '../../../cloudfunctions/common/payments';
import { vectors } from './support';

const privateKey = vectors.merchantTestKey.privateKeyPem;

describe('the copy of the vectors', () => {
  // The repository keeps its own copy (test/fixtures), made byte for byte from the published set; its digest is
  // pinned so that an edit to the outside truth shows up here instead of quietly changing what both sides meet.
  it('is the published set, unchanged', () => {
    const copy = readFileSync(resolve(__dirname, '../../fixtures/wechatpay-vectors.json'));
    expect(createHash('sha256').update(copy).digest('hex')).toBe(
      '5120f7b865e39cec9891e316dd03087549d6efaf6d4b273bb0eb486b385d2b51',
    );
  });
});

describe('mini program paySign', () => {
  const v = vectors.paySign;
  const input = { appId: v.appId, timeStamp: v.timeStamp, nonceStr: v.nonceStr, package: v.package };

  it('builds the published message', () => {
    expect(buildPaySignMessage(input)).toBe(v.message);
  });

  it('signs to the published paySign and returns the whole wx.requestPayment object', () => {
    expect(signPayment(input, privateKey)).toEqual({
      timeStamp: v.timeStamp,
      nonceStr: v.nonceStr,
      package: v.package,
      signType: v.signType,
      paySign: v.paySign,
    });
  });

  it('takes its timestamp and nonce from the injected clock and nonce source', () => {
    const params = createPaymentParams(
      { appId: v.appId, prepayId: v.package.replace(/^prepay_id=/, '') },
      privateKey,
      { clock: () => new Date(Number(v.timeStamp) * 1000 + 999), nonce: () => v.nonceStr },
    );
    expect(params.timeStamp).toBe(v.timeStamp);
    expect(params.package).toBe(v.package);
    expect(params.paySign).toBe(v.paySign);
  });
});

describe('API v3 request signature', () => {
  const merchant = {
    mchid: vectors.merchantTestKey.mchid,
    serialNo: vectors.merchantTestKey.serialNo,
    privateKey,
  };

  it.each([
    ['POST with a body', vectors.requestSignature],
    ['GET with an empty body', vectors.requestSignatureGetEmptyBody],
  ])('reproduces the published signature (%s)', (_label, v) => {
    const message = buildRequestSignatureMessage(v);
    expect(message).toBe(`${v.method}\n${v.url}\n${v.timestamp}\n${v.nonce}\n${v.body}\n`);
    expect(signMessage(message, privateKey)).toBe(v.signature);

    const signed = signRequest({ method: v.method, url: v.url, body: v.body }, merchant, {
      clock: () => new Date(Number(v.timestamp) * 1000),
      nonce: () => v.nonce,
    });
    expect(signed.signature).toBe(v.signature);
    expect(signed.authorization).toBe(
      `WECHATPAY2-SHA256-RSA2048 mchid="${merchant.mchid}",nonce_str="${v.nonce}",` +
        `signature="${v.signature}",timestamp="${v.timestamp}",serial_no="${merchant.serialNo}"`,
    );
  });

  it('signs the same message for an absolute URL as for its path', () => {
    const v = vectors.requestSignature;
    const absolute = buildRequestSignatureMessage({ ...v, url: `https://api.mch.weixin.qq.com${v.url}` });
    expect(signMessage(absolute, privateKey)).toBe(v.signature);
  });
});

describe('response verification with a WeChat Pay public key', () => {
  const v = vectors.responseVerification;
  const message = buildResponseSignatureMessage(v.timestamp, v.nonce, v.body);

  it('verifies the published response as the vector says', () => {
    expect(verifyMessage(message, v.signature, v.publicKeyPem)).toBe(v.valid);
  });

  it('verifies it from the headers as received, through a resolver keyed by the public key id', () => {
    const check = verifyWechatpaySignature({
      headers: {
        'Wechatpay-Timestamp': v.timestamp,
        'Wechatpay-Nonce': v.nonce,
        'Wechatpay-Signature': v.signature,
        'Wechatpay-Serial': v.wechatpaySerial,
      },
      body: v.body,
      resolveKey: createKeyResolver({ publicKeys: { [v.wechatpaySerial]: v.publicKeyPem } }),
      now: new Date(Number(v.timestamp) * 1000 + 60_000),
    });
    expect(check).toEqual({ ok: v.valid, serial: v.wechatpaySerial });
  });

  it('rejects the published signature over a different body', () => {
    const other = buildResponseSignatureMessage(
      v.timestamp,
      v.nonce,
      v.body.replace('JyC91EIz1', 'JyC91EIz2'),
    );
    expect(verifyMessage(other, v.signature, v.publicKeyPem)).toBe(false);
  });
});

describe('API v2 signatures', () => {
  const v = vectors.v2Sign;

  it('builds the sorted key=value string with the key appended', () => {
    expect(buildV2SignString(v.params, v.key)).toBe(
      `appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA&key=${v.key}`,
    );
  });

  it('reproduces the published MD5 signature', () => {
    expect(signV2(v.params, v.key, 'MD5')).toBe(v.md5);
    expect(verifyV2Sign({ ...v.params, sign: v.md5 }, v.key, 'MD5')).toBe(true);
  });

  it('reproduces the published HMAC-SHA256 signature', () => {
    expect(signV2(v.params, v.key, 'HMAC-SHA256')).toBe(v.hmacSha256);
    expect(verifyV2Sign({ ...v.params, sign: v.hmacSha256 }, v.key, 'HMAC-SHA256')).toBe(true);
  });
});

describe('AES-256-GCM resource', () => {
  const v = vectors.aes256gcm;

  it('decrypts the published ciphertext to the plaintext', () => {
    expect(
      decryptAes256Gcm({
        ciphertext: v.ciphertext,
        nonce: v.nonce,
        associatedData: v.associatedData,
        apiV3Key: v.apiV3Key,
      }),
    ).toBe(v.plaintext);
    expect(
      decryptResource(
        {
          algorithm: 'AEAD_AES_256_GCM',
          ciphertext: v.ciphertext,
          nonce: v.nonce,
          associated_data: v.associatedData,
          original_type: 'transaction',
        },
        v.apiV3Key,
      ),
    ).toBe(v.plaintext);
  });

  it('encrypts the plaintext to the published ciphertext', () => {
    expect(
      encryptAes256Gcm({
        plaintext: v.plaintext,
        nonce: v.nonce,
        associatedData: v.associatedData,
        apiV3Key: v.apiV3Key,
      }),
    ).toBe(v.ciphertext);
  });
});
