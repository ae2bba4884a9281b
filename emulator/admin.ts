/**
 * The CloudBase endpoint (`POST /admin`) that wx-server-sdk and @cloudbase/node-sdk talk to when
 * TCB_CONTEXT_CNFG points at the local cloud. Every request is a JSON body `{ action, ...fields }`; the answer
 * is HTTP 200 with the action's body plus `requestId`, or `{ code, message, requestId }` for an error (the
 * SDK throws it with `err.code` = code). docs/local-cloud-database.md describes each action.
 *
 * Extending it: other parts of the local cloud register their actions in `context.actions`, e.g.
 *
 *   context.actions.set('functions.invokeFunction', async (request) => ({ data: { response_data: '...' } }));
 *
 * A handler receives the parsed body (`request.params`), the URL query and the invocation id; it returns the
 * response body (requestId is added) or throws an AdminError / DatabaseError for an error answer.
 *
 * Statistics: each `database.*` request is counted in `context.databaseActionCounts` and reported to the
 * listeners added with `context.onDatabaseAction(listener)`. To attribute requests to a function
 * invocation, the function runtime points the SDK at `http://127.0.0.1:PORT/admin?invocation=<id>&` (the SDK
 * appends `env=..&seqId=..` to a URL that already has a query); the id arrives as `event.invocationId`.
 */
import { randomUUID } from 'node:crypto';
import {
  DATABASE_ACTIONS,
  type DatabaseOptions,
  DatabaseError,
  LocalDatabase,
  isDatabaseAction,
} from './database';
import { isPlainObject } from './database/ejson';
import type { LocalCloudOptions } from './server';

/**
 * The cloud's request body limit for everything but function calls (100 MB, error EXCEED_MAX_PAYLOAD_SIZE).
 * One document is further limited to 16 MB (see database/documents.ts).
 */
export const ADMIN_BODY_LIMIT_BYTES = 100 * 1024 * 1024;

/** Query parameter carrying the id of the function invocation a request belongs to. */
export const INVOCATION_QUERY_PARAM = 'invocation';

export interface AdminRequest {
  readonly action: string;
  /** The whole parsed body, including `action` and the SDK's own fields (envName, tokens...). */
  readonly params: Readonly<Record<string, unknown>>;
  readonly query: URLSearchParams;
  readonly requestId: string;
  readonly invocationId: string | undefined;
}

/** Returns the response body (an object; anything else is answered as `{ data }`). */
export type AdminActionHandler = (request: AdminRequest) => unknown;

/** An error answer of a non-database action: `{ code, message }` in an HTTP 200 body, as the cloud does. */
export class AdminError extends Error {
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.name = 'AdminError';
    this.code = code;
  }
}

export interface DatabaseActionEvent {
  readonly action: string;
  readonly invocationId: string | undefined;
  readonly ok: boolean;
  /** The error code when `ok` is false. */
  readonly code: string | undefined;
  readonly durationMs: number;
}

export type DatabaseActionListener = (event: DatabaseActionEvent) => void;

/** Settings tests may lower; the server passes LocalCloudOptions and gets the cloud's figures. */
export interface AdminTuning {
  adminBodyLimitBytes?: number;
  transactionTimeoutMs?: number;
  synchronous?: DatabaseOptions['synchronous'];
}

export class AdminContext {
  readonly database: LocalDatabase;
  /** Every action the endpoint answers, by name; the database actions are registered at creation. */
  readonly actions = new Map<string, AdminActionHandler>();
  /** Requests per database action since start, failures included. */
  readonly databaseActionCounts = new Map<string, number>();
  readonly bodyLimitBytes: number;
  readonly quiet: boolean;
  readonly #listeners = new Set<DatabaseActionListener>();
  #closed = false;

  constructor(database: LocalDatabase, options: { bodyLimitBytes: number; quiet: boolean }) {
    this.database = database;
    this.bodyLimitBytes = options.bodyLimitBytes;
    this.quiet = options.quiet;
    for (const action of Object.keys(DATABASE_ACTIONS)) {
      if (isDatabaseAction(action))
        this.actions.set(action, (request) => database.run(action, request.params));
    }
  }

  /** Adds a listener called after every database request; returns a function that removes it. */
  onDatabaseAction(listener: DatabaseActionListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Counts a database request and tells the listeners (called by handleAdminRequest). */
  recordDatabaseAction(event: DatabaseActionEvent): void {
    this.databaseActionCounts.set(event.action, (this.databaseActionCounts.get(event.action) ?? 0) + 1);
    for (const listener of this.#listeners) {
      try {
        listener(event);
      } catch (error) {
        // A statistics listener must never turn a database answer into a failure.
        if (!this.quiet) console.error('[local cloud] database action listener failed:', error);
      }
    }
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#listeners.clear();
    this.database.close();
  }
}

export async function createAdminContext(
  options: LocalCloudOptions & AdminTuning,
  now?: () => number,
): Promise<AdminContext> {
  const database = await LocalDatabase.open({
    now,
    dataDir: options.dataDir,
    reset: options.reset,
    seedFile: options.seedFile,
    collectionsFile: options.collectionsFile,
    transactionTimeoutMs: options.transactionTimeoutMs,
    synchronous: options.synchronous,
  });
  return new AdminContext(database, {
    bodyLimitBytes: options.adminBodyLimitBytes ?? ADMIN_BODY_LIMIT_BYTES,
    quiet: options.quiet ?? false,
  });
}

export interface AdminAnswer {
  status: number;
  body: unknown;
}

/** Answers one POST /admin request. Never throws: every failure becomes an error body the SDK understands. */
export async function handleAdminRequest(
  context: AdminContext,
  rawBody: Buffer,
  query: URLSearchParams,
): Promise<AdminAnswer> {
  const requestId = randomUUID();
  const fail = (code: string, message: string): AdminAnswer => ({
    status: 200,
    body: { code, message, requestId },
  });
  if (rawBody.length > context.bodyLimitBytes) {
    return fail(
      'EXCEED_MAX_PAYLOAD_SIZE',
      `request body of ${rawBody.length} bytes exceeds the limit of ${context.bodyLimitBytes} bytes`,
    );
  }
  let body: unknown;
  try {
    body = JSON.parse(rawBody.toString('utf8'));
  } catch {
    return fail('INVALID_PARAM', 'request body is not valid JSON');
  }
  if (!isPlainObject(body) || typeof body.action !== 'string') {
    return fail('INVALID_PARAM', 'request body must be a JSON object with a string "action"');
  }
  const action = body.action;
  const handler = context.actions.get(action);
  if (!handler) return fail('INVALID_PARAM', `unknown action ${action}`);
  const invocationId = query.get(INVOCATION_QUERY_PARAM) ?? undefined;
  const started = performance.now();
  let answer: AdminAnswer;
  let errorCode: string | undefined;
  try {
    const result = await handler({ action, params: body, query, requestId, invocationId });
    answer = { status: 200, body: { ...(isPlainObject(result) ? result : { data: result }), requestId } };
  } catch (error) {
    if (error instanceof DatabaseError || error instanceof AdminError) {
      errorCode = error.code;
      answer = fail(error.code, error.message);
    } else {
      errorCode = 'SYS_ERR';
      if (!context.quiet) console.error(`[local cloud] ${action} failed:`, error);
      answer = fail('SYS_ERR', `internal error of the local cloud: ${String(error)}`);
    }
  }
  if (action.startsWith('database.')) {
    context.recordDatabaseAction({
      action,
      invocationId,
      ok: errorCode === undefined,
      code: errorCode,
      durationMs: performance.now() - started,
    });
  }
  return answer;
}
