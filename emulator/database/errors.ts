/**
 * Errors of the local cloud database, shaped as the CloudBase endpoint answers them: `{ code, message }` in an
 * HTTP 200 body. The SDK throws them as `TcbError` (err.code is the string code); wx-server-sdk maps the code
 * to its numeric errCode (e.g. DATABASE_COLLECTION_NOT_EXIST → -502005) and prefixes the API name.
 */

/** String codes the SDKs know. Where wx-server-sdk has no number for a code it reports -501001. */
export type DatabaseErrorCode =
  | 'INVALID_PARAM' // -501007 invalid parameters
  | 'DATABASE_REQUEST_FAILED' // -502001 database request fail
  | 'DATABASE_INVALID_OPERRATOR' // -502002 (sic, as spelled by both SDKs)
  | 'DATABASE_COLLECTION_NOT_EXIST' // -502005 database collection not exists
  | 'DATABASE_COLLECTION_ALREADY_EXIST'
  | 'DATABASE_TRANSACTION_CONFLICT' // the only code db.runTransaction retries on
  | 'DATABASE_TRANSACTION_FAIL'
  | 'EXCEED_MAX_PAYLOAD_SIZE';

/**
 * The message of anything thrown. Not `instanceof Error`: better-sqlite3's SqliteError is not a native error,
 * and its class belongs to whichever copy of the module loaded first in the process (under a test runner,
 * possibly another realm).
 */
export function messageOf(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'message' in error) return String(error.message);
  return String(error);
}

export class DatabaseError extends Error {
  readonly code: DatabaseErrorCode;

  constructor(code: DatabaseErrorCode, message: string) {
    super(message);
    this.name = 'DatabaseError';
    this.code = code;
  }
}

// The cloud's own wording, kept verbatim because developers search for it.
const COLLECTION_NOT_EXIST_MESSAGE =
  '[ResourceNotFound] Db or Table not exist. Please check your request, but if the problem cannot be solved, contact us.';

export function collectionNotExist(collection: string): DatabaseError {
  return new DatabaseError(
    'DATABASE_COLLECTION_NOT_EXIST',
    `${COLLECTION_NOT_EXIST_MESSAGE} (collection: ${collection})`,
  );
}

export function collectionAlreadyExist(collection: string): DatabaseError {
  return new DatabaseError(
    'DATABASE_COLLECTION_ALREADY_EXIST',
    `[ResourceInUse.TableExist] Table exist. Please check your request, but if the problem cannot be solved, contact us. (collection: ${collection})`,
  );
}

export function invalidParam(message: string): DatabaseError {
  return new DatabaseError('INVALID_PARAM', message);
}

export function requestFailed(message: string): DatabaseError {
  return new DatabaseError('DATABASE_REQUEST_FAILED', message);
}

export function transactionConflict(detail: string): DatabaseError {
  return new DatabaseError('DATABASE_TRANSACTION_CONFLICT', `database transaction conflict: ${detail}`);
}

export function transactionNotFound(transactionId: string, timeoutMs: number): DatabaseError {
  return new DatabaseError(
    'DATABASE_TRANSACTION_FAIL',
    `transaction ${transactionId} does not exist: it was committed, aborted, or not finished within ${Math.round(
      timeoutMs / 1000,
    )} seconds`,
  );
}
