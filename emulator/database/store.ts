/**
 * The durable document store: SQLite underneath (one `documents` table keyed by collection and `_id`), with
 * each collection's documents kept parsed in memory so that queries never re-parse JSON.
 *
 * The cache is write-through and authoritative because one server process owns the file (SQLite's exclusive
 * locking mode makes a second process fail instead of silently diverging). A write reaches the cache only
 * after its SQLite transaction has committed, so no reader ever sees data a crash could take back.
 */
import Database from 'better-sqlite3';
import { type Document, decodeEjson, encodeEjson } from './ejson';
import { type DocumentId, assertStorable, readDocumentId } from './documents';
import { collectionAlreadyExist, collectionNotExist, messageOf } from './errors';

export interface StoredDocument {
  readonly key: string;
  readonly id: DocumentId;
  /** Parsed document; shared by every reader, so never mutated (clone before changing it). */
  readonly doc: Document;
  /** The document as relaxed EJSON text, answered as is when a query has no projection. */
  readonly json: string;
  /** Changes on every write (a store-wide clock), so a transaction can tell whether a document moved on. */
  readonly version: number;
  /** Insertion order: the natural order of a query without orderBy. */
  readonly seq: number;
}

/** One document to write: `doc: null` deletes it. */
export interface DocumentWrite {
  readonly collection: string;
  readonly key: string;
  readonly doc: Document | null;
}

export type Synchronous = 'FULL' | 'NORMAL';

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS collections (
    name TEXT PRIMARY KEY,
    created_at INTEGER NOT NULL
  ) WITHOUT ROWID;
  CREATE TABLE IF NOT EXISTS documents (
    collection TEXT NOT NULL,
    key TEXT NOT NULL,
    seq INTEGER NOT NULL,
    version INTEGER NOT NULL,
    json TEXT NOT NULL,
    PRIMARY KEY (collection, key)
  ) WITHOUT ROWID;
  CREATE INDEX IF NOT EXISTS documents_in_order ON documents (collection, seq);
`;

interface DocumentRow {
  key: string;
  seq: number;
  version: number;
  json: string;
}

export class DocumentStore {
  readonly #db: Database.Database;
  readonly #collections = new Set<string>();
  readonly #loaded = new Map<string, Map<string, StoredDocument>>();
  #clock: number;
  readonly #statements: {
    insertCollection: Database.Statement;
    selectDocuments: Database.Statement;
    upsertDocument: Database.Statement;
    deleteDocument: Database.Statement;
  };

  constructor(file: string, synchronous: Synchronous = 'FULL') {
    // No busy wait: the only other holder of the lock can be another server, and waiting will not help.
    this.#db = new Database(file, { timeout: 0 });
    try {
      // One owner: the in-memory cache is only correct if no other process writes the file. Set before
      // anything reads the file, so the first read takes the lock and keeps it.
      this.#db.pragma('locking_mode = EXCLUSIVE');
      // WAL: a commit appends to one log file and is atomic across a crash. FULL: the log is fsynced before a
      // commit returns, so an acknowledged write survives power loss too (kill -9 alone would not need it).
      this.#db.pragma('journal_mode = WAL');
      this.#db.pragma(`synchronous = ${synchronous}`);
      this.#db.exec(SCHEMA);
    } catch (error) {
      this.#db.close();
      if (/locked|busy/i.test(messageOf(error))) {
        throw new Error(`the database ${file} is locked by another local cloud process`);
      }
      throw error;
    }
    this.#statements = {
      insertCollection: this.#db.prepare('INSERT INTO collections (name, created_at) VALUES (?, ?)'),
      selectDocuments: this.#db.prepare(
        'SELECT key, seq, version, json FROM documents WHERE collection = ? ORDER BY seq',
      ),
      upsertDocument: this.#db.prepare(
        `INSERT INTO documents (collection, key, seq, version, json) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (collection, key) DO UPDATE SET version = excluded.version, json = excluded.json`,
      ),
      deleteDocument: this.#db.prepare('DELETE FROM documents WHERE collection = ? AND key = ?'),
    };
    for (const row of this.#db.prepare('SELECT name FROM collections').all() as { name: string }[]) {
      this.#collections.add(row.name);
    }
    const clock = this.#db.prepare('SELECT MAX(version) AS clock FROM documents').get() as {
      clock: number | null;
    };
    this.#clock = clock.clock ?? 0;
  }

  hasCollection(name: string): boolean {
    return this.#collections.has(name);
  }

  collectionNames(): string[] {
    return [...this.#collections].sort();
  }

  createCollection(name: string): void {
    if (this.#collections.has(name)) throw collectionAlreadyExist(name);
    this.#statements.insertCollection.run(name, Date.now());
    this.#collections.add(name);
    this.#loaded.set(name, new Map());
  }

  /** The documents of a collection in insertion order; read-only for callers. */
  documents(collection: string): ReadonlyMap<string, StoredDocument> {
    return this.#load(collection);
  }

  get(collection: string, key: string): StoredDocument | undefined {
    return this.#load(collection).get(key);
  }

  /** The version a transaction compares at commit; 0 means "absent". */
  version(collection: string, key: string): number {
    return this.#load(collection).get(key)?.version ?? 0;
  }

  /**
   * Writes documents (and creates collections) in one SQLite transaction: all of them or, after a failure or
   * a crash, none. Returns the stored form of every written document (null for deletions).
   */
  apply(writes: readonly DocumentWrite[], newCollections: readonly string[] = []): (StoredDocument | null)[] {
    for (const name of newCollections) if (this.#collections.has(name)) throw collectionAlreadyExist(name);
    // Encode and validate everything first: a bad document must fail the batch before SQLite is touched.
    const planned = writes.map((write) => {
      const cache = newCollections.includes(write.collection) ? undefined : this.#load(write.collection);
      const previous = cache?.get(write.key);
      if (write.doc === null) return { write, stored: null, previous };
      const json = encodeEjson(write.doc);
      assertStorable(write.doc, Buffer.byteLength(json));
      const version = ++this.#clock;
      const stored: StoredDocument = {
        key: write.key,
        id: readDocumentId(write.doc, 'document'),
        doc: write.doc,
        json,
        version,
        seq: previous?.seq ?? version,
      };
      return { write, stored, previous };
    });

    const now = Date.now();
    this.#db.transaction(() => {
      for (const name of newCollections) this.#statements.insertCollection.run(name, now);
      for (const { write, stored } of planned) {
        if (stored === null) this.#statements.deleteDocument.run(write.collection, write.key);
        else
          this.#statements.upsertDocument.run(
            write.collection,
            write.key,
            stored.seq,
            stored.version,
            stored.json,
          );
      }
    })();

    // Committed: only now may readers see the new state.
    for (const name of newCollections) {
      this.#collections.add(name);
      this.#loaded.set(name, new Map());
    }
    for (const { write, stored } of planned) {
      const cache = this.#load(write.collection);
      if (stored === null) cache.delete(write.key);
      else cache.set(write.key, stored);
    }
    return planned.map((entry) => entry.stored);
  }

  close(): void {
    this.#db.close();
  }

  #load(collection: string): Map<string, StoredDocument> {
    const cached = this.#loaded.get(collection);
    if (cached) return cached;
    if (!this.#collections.has(collection)) throw collectionNotExist(collection);
    const documents = new Map<string, StoredDocument>();
    for (const row of this.#statements.selectDocuments.all(collection) as DocumentRow[]) {
      const doc = decodeEjson(JSON.parse(row.json), 0, 'stored document') as Document;
      documents.set(row.key, {
        key: row.key,
        id: readDocumentId(doc, 'stored document'),
        doc,
        json: row.json,
        version: row.version,
        seq: row.seq,
      });
    }
    this.#loaded.set(collection, documents);
    return documents;
  }
}
