/**
 * Verification in platform certificate mode. Node cannot issue X.509 certificates, so the fixture
 * test/fixtures/wechatpay-platform-cert.pem was made once with openssl (self-signed, 100 years, serial
 * 5157F09EFDC096DE15EBE85A2D8FA4F2CFA2E3A6) over the published merchant test key of the vectors; only the
 * certificate is committed, its key is the one already in the vectors.
 */
import { createPublicKey } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import {
  buildSignedNotification,
  createKeyResolver,
  publicKeyFromCertificate,
  readPlatformCertificate,
  verifyTransactionNotification,
  verifyWechatpaySignature,
  type KeyResolver,
} from '../../../cloudfunctions/common/payments';
import { API_V3_KEY, APPID, MCHID, paidTransaction, vectors } from './support';

const certificatePem = readFileSync(resolve(__dirname, '../../fixtures/wechatpay-platform-cert.pem'), 'utf8');
const CERT_SERIAL = '5157F09EFDC096DE15EBE85A2D8FA4F2CFA2E3A6';
const certificateKey = vectors.merchantTestKey.privateKeyPem;
/** Inside the certificate's validity, wherever the machine's clock stands. */
const NOW = new Date('2030-06-01T00:00:00Z');

function signedNotification(serial = CERT_SERIAL) {
  return buildSignedNotification(
    { transaction: paidTransaction(), apiV3Key: API_V3_KEY, signer: { serial, privateKey: certificateKey } },
    { clock: () => NOW },
  );
}

function verify(resolveKey: KeyResolver, serial = CERT_SERIAL) {
  const { headers, body } = signedNotification(serial);
  return verifyTransactionNotification({
    headers,
    body,
    resolveKey,
    now: NOW,
    apiV3Key: API_V3_KEY,
    expected: { appid: APPID, mchid: MCHID },
  });
}

describe('platform certificate mode', () => {
  it('reads the serial and the public key of the certificate', () => {
    const certificate = readPlatformCertificate(certificatePem);
    expect(certificate.serial).toBe(CERT_SERIAL);
    const expected = createPublicKey(certificateKey).export({ type: 'spki', format: 'der' });
    expect(certificate.publicKey.export({ type: 'spki', format: 'der' })).toEqual(expected);
    expect(publicKeyFromCertificate(certificatePem).equals(certificate.publicKey)).toBe(true);
  });

  it('accepts a notification signed under the certificate serial', () => {
    const result = verify(createKeyResolver({ platformCertificates: [certificatePem] }));
    expect(result).toMatchObject({ ok: true, transaction: paidTransaction() });
  });

  it('finds the certificate whatever the case or zero padding of the serial header', () => {
    const resolveKey = createKeyResolver({ platformCertificates: [certificatePem] });
    expect(verify(resolveKey, CERT_SERIAL.toLowerCase()).ok).toBe(true);
    expect(verify(resolveKey, `00${CERT_SERIAL}`).ok).toBe(true);
  });

  it('does not know a serial whose certificate was not configured', () => {
    expect(verify(createKeyResolver({ platformCertificates: [] }))).toEqual({
      ok: false,
      reason: 'UNKNOWN_SERIAL',
    });
  });

  it('serves both modes at once, as during the migration to WeChat Pay public keys', () => {
    const v = vectors.responseVerification;
    const resolveKey = createKeyResolver({
      platformCertificates: [certificatePem],
      publicKeys: { [v.wechatpaySerial]: v.publicKeyPem },
    });
    expect(verify(resolveKey).ok).toBe(true);
    const published = verifyWechatpaySignature({
      headers: {
        'Wechatpay-Timestamp': v.timestamp,
        'Wechatpay-Nonce': v.nonce,
        'Wechatpay-Signature': v.signature,
        'Wechatpay-Serial': v.wechatpaySerial,
      },
      body: v.body,
      resolveKey,
      now: new Date(Number(v.timestamp) * 1000),
    });
    expect(published.ok).toBe(true);
  });

  it('rejects a certificate-mode signature checked against the wrong key', () => {
    // The published public key registered under our certificate's serial: a mapping mistake must not verify.
    const resolveKey: KeyResolver = (serial) =>
      serial === CERT_SERIAL ? vectors.responseVerification.publicKeyPem : undefined;
    expect(verify(resolveKey)).toEqual({ ok: false, reason: 'BAD_SIGNATURE' });
  });

  it('treats a certificate outside its validity as unknown when given a clock', () => {
    const certificate = readPlatformCertificate(certificatePem);
    const after = new Date(certificate.validTo.getTime() + 1000);
    const before = new Date(certificate.validFrom.getTime() - 1000);
    for (const moment of [after, before]) {
      const resolveKey = createKeyResolver({ platformCertificates: [certificatePem], clock: () => moment });
      expect(verify(resolveKey)).toEqual({ ok: false, reason: 'UNKNOWN_SERIAL' });
    }
    const valid = createKeyResolver({ platformCertificates: [certificatePem], clock: () => NOW });
    expect(verify(valid).ok).toBe(true);
  });

  it('refuses to start with a broken certificate', () => {
    expect(() =>
      createKeyResolver({ platformCertificates: [certificatePem.replace(/\n[A-Za-z0-9+/]{64}\n/, '\n')] }),
    ).toThrow();
  });
});
