/**
 * Typed view of the part of wx-server-sdk's database API the tests use. The SDK's own declarations answer
 * `string | void | Promise<…>` (callback and promise styles in one type), which tests cannot use directly.
 */

/** A document as read back: fields are checked by the tests, so their types stay unknown. */
export type Doc = Record<string, unknown> & { _id: string | number };

export interface QueryCommand {
  and(...conditions: unknown[]): QueryCommand;
  or(...conditions: unknown[]): QueryCommand;
}

export interface Command {
  eq(value: unknown): QueryCommand;
  neq(value: unknown): QueryCommand;
  lt(value: unknown): QueryCommand;
  lte(value: unknown): QueryCommand;
  gt(value: unknown): QueryCommand;
  gte(value: unknown): QueryCommand;
  in(values: unknown[]): QueryCommand;
  nin(values: unknown[]): QueryCommand;
  all(values: unknown[]): QueryCommand;
  elemMatch(condition: object): QueryCommand;
  exists(present: boolean): QueryCommand;
  size(length: number): QueryCommand;
  mod(divisor: number, remainder: number): QueryCommand;
  and(...conditions: unknown[]): QueryCommand;
  or(...conditions: unknown[]): QueryCommand;
  nor(...conditions: unknown[]): QueryCommand;
  not(condition: unknown): QueryCommand;
  set(value: unknown): unknown;
  remove(): unknown;
  inc(amount: number): unknown;
  mul(factor: number): unknown;
  min(value: unknown): unknown;
  max(value: unknown): unknown;
  rename(to: string): unknown;
  push(...values: unknown[]): unknown;
  pop(): unknown;
  shift(): unknown;
  unshift(...values: unknown[]): unknown;
  pull(condition: unknown): unknown;
  pullAll(values: unknown[]): unknown;
  addToSet(value: unknown): unknown;
  aggregate: Record<string, (...args: unknown[]) => unknown>;
  project: Record<string, (...args: unknown[]) => unknown>;
}

export interface Query {
  where(condition: object): Query;
  orderBy(field: string, direction: 'asc' | 'desc'): Query;
  skip(offset: number): Query;
  limit(max: number): Query;
  field(projection: object): Query;
  get(): Promise<{ data: Doc[]; errMsg: string }>;
  count(): Promise<{ total: number; errMsg: string }>;
  update(options: { data: object; multi?: boolean }): Promise<{ stats: { updated: number }; errMsg: string }>;
  remove(options?: { multi?: boolean }): Promise<{ stats: { removed: number }; errMsg: string }>;
}

export interface DocumentRef {
  field(projection: object): DocumentRef;
  get(): Promise<{ data: Doc; errMsg: string }>;
  set(options: { data: object }): Promise<{
    _id: string | number;
    errMsg: string;
    stats: { updated: number; created: number };
  }>;
  update(options: { data: object }): Promise<{ stats: { updated: number }; errMsg: string }>;
  remove(): Promise<{ stats: { removed: number }; errMsg: string }>;
}

export interface Aggregate {
  addFields(value: object): Aggregate;
  count(field: string): Aggregate;
  group(value: object): Aggregate;
  limit(max: number): Aggregate;
  lookup(value: object): Aggregate;
  match(condition: object): Aggregate;
  project(value: object): Aggregate;
  replaceRoot(value: object): Aggregate;
  sample(value: { size: number }): Aggregate;
  skip(offset: number): Aggregate;
  sort(value: object): Aggregate;
  sortByCount(expression: unknown): Aggregate;
  unwind(value: unknown): Aggregate;
  end(): Promise<{ list: Doc[]; errMsg: string }>;
}

export interface Collection extends Query {
  doc(id: string | number): DocumentRef;
  add(options: { data: object }): Promise<{ _id: string; _ids: string[]; errMsg: string }>;
  aggregate(): Aggregate;
}

export interface Transaction {
  collection(name: string): Collection;
  commit(): Promise<unknown>;
  rollback(reason?: unknown): Promise<unknown>;
}

export interface Database {
  command: Command;
  collection(name: string): Collection;
  createCollection(name: string): Promise<{ errMsg: string }>;
  serverDate(options?: { offset: number }): unknown;
  RegExp(options: { regexp: string; options?: string }): unknown;
  startTransaction(): Promise<Transaction>;
  runTransaction<T>(callback: (transaction: Transaction) => Promise<T>, retries?: number): Promise<T>;
}

/** One file of getTempFileURL's or deleteFile's answer: status 0 = done, else a CloudBase error code. */
export interface StorageFileResult {
  fileID: string;
  status: number;
  errMsg: string;
  tempFileURL?: string;
  maxAge?: number;
}

export interface Sdk {
  init(options: { env: string }): void;
  database(config?: { throwOnNotFound?: boolean }): Database;
  uploadFile(options: { cloudPath: string; fileContent: Buffer }): Promise<{ fileID: string }>;
  getTempFileURL(options: {
    fileList: (string | { fileID: string; maxAge: number })[];
  }): Promise<{ fileList: StorageFileResult[] }>;
  deleteFile(options: { fileList: string[] }): Promise<{ fileList: StorageFileResult[] }>;
}
