/**
 * The one place that configures mingo, the MongoDB query/update/aggregation evaluator the local cloud relies
 * on, and turns its errors into the cloud's error codes.
 */
import 'mingo/init/system';
import { type Options, ProcessingMode } from 'mingo/core';
import { DatabaseError, messageOf } from './errors';

/**
 * Scripts off: `$where`, `$function` and `$accumulator` would run code sent over the wire. Strict mode on:
 * MongoDB's semantics where mingo offers a looser variant.
 */
export const mingoOptions: Partial<Options> = {
  idKey: '_id',
  scriptEnabled: false,
  useStrictMode: true,
  processingMode: ProcessingMode.CLONE_OFF,
};

/** Runs an evaluation step, reporting mingo's complaints as the cloud's errors. */
export function evaluate<T>(what: string, step: () => T): T {
  try {
    return step();
  } catch (error) {
    throw asDatabaseError(what, error);
  }
}

export function asDatabaseError(what: string, error: unknown): DatabaseError {
  if (error instanceof DatabaseError) return error;
  const message = messageOf(error);
  const unknownOperator = /unknown .*operator|not supported|invalid pipeline operator|unsupported/i.test(
    message,
  );
  return new DatabaseError(
    unknownOperator ? 'DATABASE_INVALID_OPERRATOR' : 'DATABASE_REQUEST_FAILED',
    `${what}: ${message}`,
  );
}
