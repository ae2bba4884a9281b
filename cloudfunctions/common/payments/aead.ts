/** AEAD_AES_256_GCM with the APIv3 key: how notification resources (and sensitive response fields) are sealed. */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import { randomAeadNonce } from './nonce-and-timestamp';
import type { EncryptedResource, NonceSource } from './types';

const TAG_BYTES = 16;
const KEY_BYTES = 32;

export type AeadErrorCode = 'BAD_KEY' | 'BAD_NONCE' | 'UNSUPPORTED_ALGORITHM' | 'AUTHENTICATION_FAILED';

/** Thrown with a code so callers can tell a misconfigured key from a forged or corrupted resource. */
export class AeadError extends Error {
  constructor(
    readonly code: AeadErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AeadError';
  }
}

/** The APIv3 key is 32 ASCII characters used as raw bytes, not hex or base64. */
function keyBytes(apiV3Key: string): Buffer {
  const key = Buffer.from(apiV3Key, 'utf8');
  if (key.length !== KEY_BYTES) throw new AeadError('BAD_KEY', `APIv3 key must be ${KEY_BYTES} bytes`);
  return key;
}

function nonceBytes(nonce: string): Buffer {
  const bytes = Buffer.from(nonce, 'utf8');
  // GCM accepts other IV lengths, but WeChat Pay always uses 12 and anything else would mean a broken producer.
  if (bytes.length !== 12) throw new AeadError('BAD_NONCE', 'AEAD nonce must be 12 bytes');
  return bytes;
}

export interface AeadSealInput {
  plaintext: string;
  associatedData: string;
  nonce: string;
  apiV3Key: string;
}

/** base64(ciphertext ‖ 16-byte tag), the layout WeChat Pay uses. */
export function encryptAes256Gcm(input: AeadSealInput): string {
  const cipher = createCipheriv('aes-256-gcm', keyBytes(input.apiV3Key), nonceBytes(input.nonce), {
    authTagLength: TAG_BYTES,
  });
  cipher.setAAD(Buffer.from(input.associatedData, 'utf8'));
  const sealed = Buffer.concat([cipher.update(input.plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return sealed.toString('base64');
}

export function decryptAes256Gcm(input: Omit<AeadSealInput, 'plaintext'> & { ciphertext: string }): string {
  const key = keyBytes(input.apiV3Key);
  const nonce = nonceBytes(input.nonce);
  const sealed = Buffer.from(input.ciphertext, 'base64');
  if (sealed.length < TAG_BYTES)
    throw new AeadError('AUTHENTICATION_FAILED', 'ciphertext shorter than its tag');
  const decipher = createDecipheriv('aes-256-gcm', key, nonce, { authTagLength: TAG_BYTES });
  decipher.setAAD(Buffer.from(input.associatedData, 'utf8'));
  decipher.setAuthTag(sealed.subarray(sealed.length - TAG_BYTES));
  try {
    const plaintext = Buffer.concat([
      decipher.update(sealed.subarray(0, sealed.length - TAG_BYTES)),
      decipher.final(),
    ]);
    return plaintext.toString('utf8');
  } catch {
    // Node only says "Unsupported state or unable to authenticate data": wrong key, AAD, nonce or tampered bytes.
    throw new AeadError('AUTHENTICATION_FAILED', 'AES-256-GCM authentication failed');
  }
}

/** Opens a notification `resource`; throws AeadError (see its code) when it cannot be trusted. */
export function decryptResource(resource: EncryptedResource, apiV3Key: string): string {
  if (resource.algorithm !== 'AEAD_AES_256_GCM') {
    throw new AeadError('UNSUPPORTED_ALGORITHM', `unsupported algorithm ${String(resource.algorithm)}`);
  }
  return decryptAes256Gcm({
    ciphertext: resource.ciphertext,
    nonce: resource.nonce,
    associatedData: resource.associated_data,
    apiV3Key,
  });
}

/** Seals a plaintext into a notification `resource`, the counterpart of `decryptResource`; for tests, never bundled. */
export function encryptResource(
  input: { plaintext: string; originalType: string; associatedData: string; apiV3Key: string },
  nonce: NonceSource = randomAeadNonce,
): EncryptedResource {
  const resourceNonce = nonce();
  return {
    original_type: input.originalType,
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: encryptAes256Gcm({
      plaintext: input.plaintext,
      associatedData: input.associatedData,
      nonce: resourceNonce,
      apiV3Key: input.apiV3Key,
    }),
    associated_data: input.associatedData,
    nonce: resourceNonce,
  };
}
