/**
 * The local cloud's database: a durable store, transactions, and the CloudBase database actions on top.
 */
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { type ActionScope, DATABASE_ACTIONS, type DatabaseAction } from './actions';
import type { Params } from './params';
import { readDeclaredCollections } from './declared-collections';
import { seedIfEmpty } from './seed';
import { DocumentStore, type Synchronous } from './store';
import { DEFAULT_TRANSACTION_TIMEOUT_MS, TransactionManager } from './transactions';

export { DATABASE_ACTIONS, isDatabaseAction, type DatabaseAction } from './actions';
export { DatabaseError, type DatabaseErrorCode } from './errors';

/** The database file inside the data folder (other parts of the local cloud keep their own files there). */
export const DATABASE_FILE = 'database.sqlite';

export interface DatabaseOptions {
  dataDir: string;
  /** Delete the database file first. */
  reset?: boolean;
  /** Loaded when the database has no collection yet. */
  seedFile?: string;
  /**
   * The project's declared collections (database/collections.json): created at start when missing, and the
   * only collections a seed may fill.
   */
  collectionsFile?: string;
  /** How long a transaction may stay open (default 30 s, the cloud's limit). */
  transactionTimeoutMs?: number;
  /** SQLite's synchronous setting (default FULL, see store.ts). */
  synchronous?: Synchronous;
  /** Clock for db.serverDate() and transaction expiry; tests replace it. */
  now?: () => number;
}

export class LocalDatabase {
  readonly store: DocumentStore;
  readonly transactions: TransactionManager;
  readonly #now: () => number;

  private constructor(store: DocumentStore, transactions: TransactionManager, now: () => number) {
    this.store = store;
    this.transactions = transactions;
    this.#now = now;
  }

  static async open(options: DatabaseOptions): Promise<LocalDatabase> {
    const file = path.join(options.dataDir, DATABASE_FILE);
    if (options.reset) {
      await Promise.all(['', '-wal', '-shm', '-journal'].map((suffix) => rm(file + suffix, { force: true })));
    }
    await mkdir(options.dataDir, { recursive: true });
    const now = options.now ?? Date.now;
    const store = new DocumentStore(file, options.synchronous ?? 'FULL');
    try {
      const declared = options.collectionsFile
        ? await readDeclaredCollections(options.collectionsFile)
        : undefined;
      if (options.seedFile) await seedIfEmpty(store, options.seedFile, declared);
      for (const name of declared ?? []) if (!store.hasCollection(name)) store.createCollection(name);
    } catch (error) {
      store.close();
      throw error;
    }
    const transactions = new TransactionManager(
      store,
      options.transactionTimeoutMs ?? DEFAULT_TRANSACTION_TIMEOUT_MS,
      now,
    );
    return new LocalDatabase(store, transactions, now);
  }

  /** Runs one action; throws DatabaseError for answers the SDK reports as errors. */
  run(action: DatabaseAction, params: Params): Record<string, unknown> {
    const scope: ActionScope = { store: this.store, transactions: this.transactions, now: this.#now() };
    return DATABASE_ACTIONS[action](scope, params);
  }

  close(): void {
    this.transactions.close();
    this.store.close();
  }
}
