/** The merchant's Authorization header: its exact format, reading it back, and what goes into the message. */
import { createPublicKey } from 'node:crypto';
import {
  buildRequestSignatureMessage,
  canonicalUrl,
  formatAuthorization,
  parseAuthorization,
  randomAeadNonce,
  randomNonce,
  signRequest,
  unixSeconds,
  verifyMessage,
} from '../../../cloudfunctions/common/payments';
import { vectors } from './support';

const merchant = {
  mchid: vectors.merchantTestKey.mchid,
  serialNo: vectors.merchantTestKey.serialNo,
  privateKey: vectors.merchantTestKey.privateKeyPem,
};
const fixed = {
  clock: () => new Date('2025-01-15T10:00:00.750Z'),
  nonce: () => 'A1B2C3D4E5F60718293A4B5C6D7E8F90',
};

describe('Authorization header', () => {
  it('has the scheme, then the five quoted fields in the documented order', () => {
    const signed = signRequest(
      { method: 'POST', url: '/v3/pay/transactions/jsapi', body: '{}' },
      merchant,
      fixed,
    );
    expect(signed.authorization).toMatch(
      /^WECHATPAY2-SHA256-RSA2048 mchid="1900007291",nonce_str="A1B2C3D4E5F60718293A4B5C6D7E8F90",signature="[A-Za-z0-9+/]+={0,2}",timestamp="1736935200",serial_no="408B07E79B8269FEC3D5D3E6AB8ED163A6A380DB"$/,
    );
  });

  it('parses back into the fields it was made from, and the signature verifies over the message', () => {
    const request = {
      method: 'GET',
      url: '/v3/pay/transactions/out-trade-no/SO1?mchid=1900007291',
      body: '',
    };
    const signed = signRequest(request, merchant, fixed);
    const parsed = parseAuthorization(signed.authorization);
    if (!parsed) throw new Error('the header did not parse');
    expect(parsed).toEqual({
      mchid: signed.mchid,
      nonce_str: signed.nonce_str,
      signature: signed.signature,
      timestamp: signed.timestamp,
      serial_no: signed.serial_no,
    });
    // What the sandbox does with a request: rebuild the message from the parsed fields and verify.
    const message = buildRequestSignatureMessage({
      ...request,
      timestamp: parsed.timestamp,
      nonce: parsed.nonce_str,
    });
    expect(message).toBe(signed.message);
    expect(verifyMessage(message, parsed.signature, createPublicKey(merchant.privateKey))).toBe(true);
  });

  it('parses fields in any order and with spaces after the commas', () => {
    const header =
      'WECHATPAY2-SHA256-RSA2048 serial_no="S", timestamp="1", signature="c2ln", nonce_str="N", mchid="M"';
    expect(parseAuthorization(header)).toEqual({
      mchid: 'M',
      nonce_str: 'N',
      signature: 'c2ln',
      timestamp: '1',
      serial_no: 'S',
    });
    const parsed = parseAuthorization(header);
    expect(parsed && formatAuthorization(parsed)).toBe(
      'WECHATPAY2-SHA256-RSA2048 mchid="M",nonce_str="N",signature="c2ln",timestamp="1",serial_no="S"',
    );
  });

  it.each([
    ['another scheme', 'Bearer mchid="M",nonce_str="N",signature="s",timestamp="1",serial_no="S"'],
    ['a missing field', 'WECHATPAY2-SHA256-RSA2048 mchid="M",nonce_str="N",signature="s",timestamp="1"'],
    [
      'an unquoted value',
      'WECHATPAY2-SHA256-RSA2048 mchid=M,nonce_str="N",signature="s",timestamp="1",serial_no="S"',
    ],
    [
      'garbage between fields',
      'WECHATPAY2-SHA256-RSA2048 mchid="M";nonce_str="N",signature="s",timestamp="1",serial_no="S"',
    ],
    ['no fields at all', 'WECHATPAY2-SHA256-RSA2048 '],
  ])('does not parse %s', (_label, header) => {
    expect(parseAuthorization(header)).toBeUndefined();
  });
});

describe('signature message', () => {
  it('upper-cases the method and drops the origin of an absolute URL, keeping the query as sent', () => {
    expect(
      buildRequestSignatureMessage({
        method: 'get',
        url: 'https://api.mch.weixin.qq.com/v3/certificates?a=1&b=%20',
        timestamp: '1',
        nonce: 'N',
        body: '',
      }),
    ).toBe('GET\n/v3/certificates?a=1&b=%20\n1\nN\n\n');
    expect(canonicalUrl('https://api.mch.weixin.qq.com')).toBe('/');
  });
});

describe('nonce and timestamp generation', () => {
  it('makes 32-character upper-case hex nonces that do not repeat', () => {
    const nonces = new Set(Array.from({ length: 50 }, () => randomNonce()));
    expect(nonces.size).toBe(50);
    for (const nonce of nonces) expect(nonce).toMatch(/^[0-9A-F]{32}$/);
  });

  it('makes 12-character alphanumeric AEAD nonces', () => {
    expect(randomAeadNonce()).toMatch(/^[A-Za-z0-9]{12}$/);
    expect(randomAeadNonce()).not.toBe(randomAeadNonce());
  });

  it('writes whole Unix seconds, rounding down', () => {
    expect(unixSeconds(new Date('2025-01-15T10:00:00.999Z'))).toBe('1736935200');
  });
});
