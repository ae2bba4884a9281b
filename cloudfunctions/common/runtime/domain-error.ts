/** A failure the buyer can be told about: a code from the contract and a message; never a stack trace. */
import type { ErrorCode, Failure } from '../../../types';

export class DomainError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }

  toFailure(): Failure {
    return { ok: false, code: this.code, message: this.message };
  }
}

export function fail(code: ErrorCode, message: string): never {
  throw new DomainError(code, message);
}
