/** WeChat Pay cryptography and protocol, pure (Node's crypto only, no I/O): the one import for payment code. */
export * from './types';
export * from './nonce-and-timestamp';
export * from './keys';
export * from './request-signature';
export * from './response-signature';
export * from './aead';
export * from './v2-sign';
export * from './notification';
