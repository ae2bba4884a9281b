/** AES-256-GCM resources and API v2 signatures beyond the published vectors: roundtrips and rejections. */
import {
  AeadError,
  decryptAes256Gcm,
  decryptResource,
  encryptResource,
  signV2,
  verifyV2Sign,
} from '../../../cloudfunctions/common/payments';
import { API_V3_KEY, vectors } from './support';

describe('AES-256-GCM resources', () => {
  const plaintext = JSON.stringify({ out_trade_no: 'SO20250115000001', note: 'pay for noodles' });

  it('decrypts what it encrypted, with a fresh nonce each time', () => {
    const first = encryptResource({
      plaintext,
      originalType: 'transaction',
      associatedData: 'transaction',
      apiV3Key: API_V3_KEY,
    });
    const second = encryptResource({
      plaintext,
      originalType: 'transaction',
      associatedData: 'transaction',
      apiV3Key: API_V3_KEY,
    });
    expect(first).toMatchObject({
      algorithm: 'AEAD_AES_256_GCM',
      original_type: 'transaction',
      associated_data: 'transaction',
    });
    expect(first.nonce).not.toBe(second.nonce);
    expect(first.ciphertext).not.toBe(second.ciphertext);
    expect(decryptResource(first, API_V3_KEY)).toBe(plaintext);
    expect(decryptResource(second, API_V3_KEY)).toBe(plaintext);
  });

  it('keeps the 16-byte tag after the ciphertext', () => {
    const sealed = encryptResource(
      { plaintext, originalType: 'transaction', associatedData: '', apiV3Key: API_V3_KEY },
      () => 'nonce0123456',
    );
    expect(Buffer.from(sealed.ciphertext, 'base64').length).toBe(Buffer.byteLength(plaintext) + 16);
  });

  function failureOf(run: () => unknown): string | undefined {
    try {
      run();
      return undefined;
    } catch (error) {
      return error instanceof AeadError ? error.code : 'OTHER';
    }
  }

  const v = vectors.aes256gcm;
  const genuine = {
    ciphertext: v.ciphertext,
    nonce: v.nonce,
    associatedData: v.associatedData,
    apiV3Key: v.apiV3Key,
  };

  it.each([
    ['a flipped ciphertext byte', { ...genuine, ciphertext: flip(v.ciphertext, 0) }],
    ['a flipped tag byte', { ...genuine, ciphertext: flip(v.ciphertext, -1) }],
    [
      'a truncated ciphertext',
      { ...genuine, ciphertext: Buffer.from(v.ciphertext, 'base64').subarray(0, 10).toString('base64') },
    ],
    ['another APIv3 key', { ...genuine, apiV3Key: 'abcdefghijklmnopqrstuvwxyz012346' }],
    ['other associated data', { ...genuine, associatedData: 'refund' }],
    ['another nonce', { ...genuine, nonce: 'nonce0123457' }],
  ])('refuses %s', (_label, input) => {
    expect(failureOf(() => decryptAes256Gcm(input))).toBe('AUTHENTICATION_FAILED');
  });

  it('names a malformed key or nonce apart from a failed authentication', () => {
    expect(failureOf(() => decryptAes256Gcm({ ...genuine, apiV3Key: 'short' }))).toBe('BAD_KEY');
    expect(failureOf(() => decryptAes256Gcm({ ...genuine, nonce: 'short' }))).toBe('BAD_NONCE');
  });

  it('refuses an algorithm it does not implement', () => {
    const resource = {
      algorithm: 'AEAD_SM4_GCM',
      ciphertext: v.ciphertext,
      nonce: v.nonce,
      associated_data: '',
      original_type: 'transaction',
    };
    // The cast stands for untrusted input that the type would otherwise rule out.
    expect(
      failureOf(() =>
        decryptResource(resource as unknown as Parameters<typeof decryptResource>[0], API_V3_KEY),
      ),
    ).toBe('UNSUPPORTED_ALGORITHM');
  });
});

function flip(base64: string, index: number): string {
  const bytes = Buffer.from(base64, 'base64');
  const at = index < 0 ? bytes.length + index : index;
  bytes[at] ^= 0x80;
  return bytes.toString('base64');
}

describe('API v2 signatures', () => {
  const v = vectors.v2Sign;

  it('leaves out empty values and the sign field itself', () => {
    const noisy = { ...v.params, sign: 'WHATEVER', attach: '', detail: undefined, goods_tag: null };
    expect(signV2(noisy, v.key, 'MD5')).toBe(v.md5);
  });

  it('orders names by ASCII, capitals first', () => {
    // 'B' (0x42) sorts before 'a' (0x61) in ASCII, though not in a locale-aware comparison.
    expect(signV2({ a: '1', B: '2' }, 'k')).toBe(signV2({ B: '2', a: '1' }, 'k'));
  });

  it.each([
    ['a wrong signature', { ...v.params, sign: v.md5.replace(/^9/, '8') }, 'MD5'],
    ['a changed parameter', { ...v.params, body: 'test2', sign: v.md5 }, 'MD5'],
    ['the other algorithm', { ...v.params, sign: v.md5 }, 'HMAC-SHA256'],
    ['no signature', { ...v.params }, 'MD5'],
  ] as const)('rejects %s', (_label, params, signType) => {
    expect(verifyV2Sign(params, v.key, signType)).toBe(false);
  });

  it('accepts a lower-case signature', () => {
    expect(verifyV2Sign({ ...v.params, sign: v.md5.toLowerCase() }, v.key, 'MD5')).toBe(true);
  });
});
