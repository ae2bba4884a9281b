/** Parsing of merchant and WeChat Pay keys, and the serial → key lookup for both verification modes. */
import { X509Certificate, createPrivateKey, createPublicKey, type KeyObject } from 'node:crypto';
import type { Clock, KeyResolver, PrivateKeyInput, PublicKeyInput } from './types';

export function toPrivateKey(key: PrivateKeyInput): KeyObject {
  return typeof key === 'string' ? createPrivateKey(key) : key;
}

export function toPublicKey(key: PublicKeyInput): KeyObject {
  return typeof key === 'string' ? createPublicKey(key) : key;
}

/**
 * Platform certificate serials are hex; WeChat Pay writes them upper-case without leading zeros while OpenSSL
 * may pad to whole bytes, so both sides are brought to one form before comparing.
 */
export function normalizeCertificateSerial(serial: string): string {
  return serial
    .trim()
    .toUpperCase()
    .replace(/^0+(?=.)/, '');
}

export interface PlatformCertificate {
  serial: string;
  publicKey: KeyObject;
  validFrom: Date;
  validTo: Date;
}

/** Reads a platform certificate PEM: its serial (the `Wechatpay-Serial` it signs under), key and validity. */
export function readPlatformCertificate(pem: string): PlatformCertificate {
  const certificate = new X509Certificate(pem);
  return {
    serial: normalizeCertificateSerial(certificate.serialNumber),
    publicKey: certificate.publicKey,
    validFrom: new Date(certificate.validFrom),
    validTo: new Date(certificate.validTo),
  };
}

export function publicKeyFromCertificate(pem: string): KeyObject {
  return readPlatformCertificate(pem).publicKey;
}

export interface KeyResolverConfig {
  /** WeChat Pay public keys by their id (`PUB_KEY_ID_...`), the mode for merchants registered since 2024. */
  publicKeys?: Readonly<Record<string, string>>;
  /** Platform certificate PEMs; each is found by its own serial number, so a wrong mapping cannot be configured. */
  platformCertificates?: readonly string[];
  /**
   * When given, a certificate outside its validity at the time of lookup is treated as unknown. WeChat Pay
   * rotates certificates before they expire, so a signature under an expired one is not to be trusted.
   */
  clock?: Clock;
}

/**
 * Builds the lookup once at start-up: every PEM is parsed here, so a broken key fails the deployment instead of
 * the first notification. Both modes may be configured together, as during WeChat Pay's migration from
 * certificates to public keys, when either serial can arrive.
 */
export function createKeyResolver(config: KeyResolverConfig): KeyResolver {
  const publicKeys = new Map<string, KeyObject>();
  for (const [id, pem] of Object.entries(config.publicKeys ?? {})) publicKeys.set(id, createPublicKey(pem));

  const certificates = new Map<string, PlatformCertificate>();
  for (const pem of config.platformCertificates ?? []) {
    const certificate = readPlatformCertificate(pem);
    certificates.set(certificate.serial, certificate);
  }

  return (serial) => {
    const publicKey = publicKeys.get(serial);
    if (publicKey) return publicKey;
    const certificate = certificates.get(normalizeCertificateSerial(serial));
    if (!certificate) return undefined;
    if (config.clock) {
      const now = config.clock().getTime();
      if (now < certificate.validFrom.getTime() || now > certificate.validTo.getTime()) return undefined;
    }
    return certificate.publicKey;
  };
}
