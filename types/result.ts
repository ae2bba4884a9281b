/** The envelope of every cloud function answer. */
import type { ErrorCode } from './errors';

export interface Ok<T> {
  ok: true;
  data: T;
}

export interface Failure {
  ok: false;
  code: ErrorCode;
  message: string;
}

export type Result<T> = Ok<T> | Failure;
