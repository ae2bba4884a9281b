/**
 * Transactions with optimistic concurrency control. A transaction buffers its writes and remembers the
 * version of every document it read or wrote (0 for "absent"); its reads see its own writes. Commit checks
 * that none of those documents changed since, then writes everything in one SQLite transaction. If one did
 * change, the transaction is dropped and the commit answers DATABASE_TRANSACTION_CONFLICT, the code on which
 * db.runTransaction runs the callback again.
 *
 * Requests are handled one at a time on the event loop and each step is synchronous, so the check and the
 * write of a commit cannot interleave with another request.
 */
import { randomBytes } from 'node:crypto';
import { type Document, encodeEjson } from './ejson';
import { assertStorable, describeKey } from './documents';
import { transactionConflict, transactionNotFound } from './errors';
import type { DocumentStore, DocumentWrite } from './store';

/** The cloud's rule: a transaction must be committed or aborted within 30 seconds. */
export const DEFAULT_TRANSACTION_TIMEOUT_MS = 30_000;

interface ReadRecord {
  readonly collection: string;
  readonly key: string;
  readonly version: number;
}

export interface Transaction {
  readonly id: string;
  readonly startedAt: number;
  readonly reads: Map<string, ReadRecord>;
  readonly writes: Map<string, DocumentWrite>;
}

export class TransactionManager {
  readonly #store: DocumentStore;
  readonly #timeoutMs: number;
  readonly #now: () => number;
  readonly #open = new Map<string, Transaction>();
  readonly #sweeper: NodeJS.Timeout;

  constructor(store: DocumentStore, timeoutMs: number, now: () => number) {
    this.#store = store;
    this.#timeoutMs = timeoutMs;
    this.#now = now;
    // Abandoned transactions (a function that crashed between start and commit) only hold memory here, but
    // an expired id must stop working as it does in the cloud.
    this.#sweeper = setInterval(() => this.sweep(), Math.min(timeoutMs, 5_000));
    this.#sweeper.unref();
  }

  get openCount(): number {
    return this.#open.size;
  }

  start(): Transaction {
    const transaction: Transaction = {
      id: randomBytes(16).toString('hex'),
      startedAt: this.#now(),
      reads: new Map(),
      writes: new Map(),
    };
    this.#open.set(transaction.id, transaction);
    return transaction;
  }

  get(id: string): Transaction {
    const transaction = this.#open.get(id);
    if (!transaction || this.#expired(transaction)) {
      this.#open.delete(id);
      throw transactionNotFound(id, this.#timeoutMs);
    }
    return transaction;
  }

  /** The document as this transaction sees it: its own pending write, else the committed one. */
  read(transaction: Transaction, collection: string, key: string): Document | null {
    const slot = slotOf(collection, key);
    const pending = transaction.writes.get(slot);
    if (pending) return pending.doc;
    const stored = this.#store.get(collection, key);
    if (!transaction.reads.has(slot)) {
      transaction.reads.set(slot, { collection, key, version: stored?.version ?? 0 });
    }
    return stored?.doc ?? null;
  }

  /** Buffers a write; `read` must have been called for the same document first (it records the version). */
  stage(transaction: Transaction, collection: string, key: string, doc: Document | null): void {
    if (doc !== null) assertStorable(doc, Buffer.byteLength(encodeEjson(doc)));
    transaction.writes.set(slotOf(collection, key), { collection, key, doc });
  }

  commit(id: string): void {
    const transaction = this.get(id);
    this.#open.delete(id);
    for (const read of transaction.reads.values()) {
      if (this.#store.version(read.collection, read.key) !== read.version) {
        throw transactionConflict(
          `document ${read.collection}/${describeKey(read.key)} changed since it was read`,
        );
      }
    }
    if (transaction.writes.size > 0) this.#store.apply([...transaction.writes.values()]);
  }

  abort(id: string): void {
    this.get(id);
    this.#open.delete(id);
  }

  sweep(): void {
    for (const transaction of this.#open.values()) {
      if (this.#expired(transaction)) this.#open.delete(transaction.id);
    }
  }

  close(): void {
    clearInterval(this.#sweeper);
    this.#open.clear();
  }

  #expired(transaction: Transaction): boolean {
    return this.#now() - transaction.startedAt > this.#timeoutMs;
  }
}

function slotOf(collection: string, key: string): string {
  return `${collection}\u0000${key}`;
}
