/**
 * The database actions of the CloudBase endpoint: each reads its wire fields, runs on the store (or inside a
 * transaction) and answers the response body the SDK reads. Response shapes follow
 * @cloudbase/database (collection.ts, query.ts, document.ts, aggregate.ts, transaction/index.ts and the
 * legacy transaction.ts); docs/local-cloud-database.md lists them.
 */
import { type Document, encodeEjson, isPlainObject, parseEjson } from './ejson';
import { type DocumentId, documentKey, generateDocumentId, isDocumentId, readDocumentId } from './documents';
import { invalidParam, requestFailed } from './errors';
import { parsePipeline, runPipeline } from './aggregate';
import {
  type Filter,
  compileFilter,
  filterById,
  findPage,
  matchDocuments,
  pageLimit,
  parseOrder,
  parseProjection,
  projectOne,
} from './query';
import type { DocumentStore, DocumentWrite } from './store';
import type { Transaction, TransactionManager } from './transactions';
import { type UpdatePlan, applyUpdate, documentForUpsert, parseUpdate } from './update';
import {
  type Params,
  optionalBoolean,
  optionalCount,
  optionalString,
  queryType,
  requiredString,
  stringArray,
} from './params';

/** Rows an aggregate without a `$limit` stage answers in CloudBase. */
export const AGGREGATE_DEFAULT_LIMIT = 20;

export interface ActionScope {
  readonly store: DocumentStore;
  readonly transactions: TransactionManager;
  /** The request's clock (milliseconds), used for db.serverDate(). */
  readonly now: number;
}

export type DatabaseActionHandler = (scope: ActionScope, params: Params) => Record<string, unknown>;

export const DATABASE_ACTIONS = {
  'database.getDocument': getDocument,
  'database.calculateDocument': calculateDocument,
  'database.insertDocument': insertDocument,
  'database.modifyDocument': modifyDocument,
  'database.removeDocument': removeDocument,
  'database.modifyAndReturnDoc': modifyAndReturnDoc,
  'database.aggregateDocuments': aggregateDocuments,
  'database.addCollection': addCollection,
  'database.startTransaction': startTransaction,
  'database.commitTransaction': commitTransaction,
  'database.abortTransaction': abortTransaction,
  'database.getInTransaction': getInTransaction,
  'database.updateDocInTransaction': updateDocInTransaction,
  'database.deleteDocInTransaction': deleteDocInTransaction,
} satisfies Record<string, DatabaseActionHandler>;

export type DatabaseAction = keyof typeof DATABASE_ACTIONS;

export function isDatabaseAction(action: string): action is DatabaseAction {
  return Object.prototype.hasOwnProperty.call(DATABASE_ACTIONS, action);
}

// ---------------------------------------------------------------------------------------------- reads

function getDocument(scope: ActionScope, params: Params): Record<string, unknown> {
  const collection = requiredString(params, 'collectionName');
  const projection = parseProjection(optionalString(params, 'projection'), scope.now);
  const transaction = openTransaction(scope, params);
  if (transaction) {
    // In a transaction the SDK reads single documents only; a where() query would bypass its isolation.
    if (queryType(params) !== 'DOC') throw refusedInTransaction('where() queries');
    const id = idOfDocQuery(params, scope.now);
    const doc = scope.transactions.read(transaction, collection, documentKey(id));
    return { data: { list: doc ? [projection ? projectOne(doc, projection) : encodeEjson(doc)] : [] } };
  }
  const documents = scope.store.documents(collection);
  const filter = filterOf(params, scope.now);
  const offset = optionalCount(params, 'offset') ?? 0;
  const limit = pageLimit(optionalCount(params, 'limit'));
  const order = parseOrder(optionalString(params, 'order'), scope.now);
  const list = findPage(documents, filter, { order, projection, offset, limit });
  return { data: { list, offset, limit } };
}

function calculateDocument(scope: ActionScope, params: Params): Record<string, unknown> {
  refuseTransaction(params, 'count()');
  const documents = scope.store.documents(requiredString(params, 'collectionName'));
  return { data: { total: matchDocuments(documents, filterOf(params, scope.now)).length } };
}

function aggregateDocuments(scope: ActionScope, params: Params): Record<string, unknown> {
  refuseTransaction(params, 'aggregate()');
  const collection = requiredString(params, 'collectionName');
  scope.store.documents(collection); // a missing collection fails before the pipeline is parsed
  const pipeline = parsePipeline(params.stages, scope.now);
  const list = runPipeline(scope.store, collection, pipeline);
  // CloudBase answers at most 20 rows to a pipeline without a $limit stage (docs/local-cloud.md).
  const limited = pipeline.some((stage) => '$limit' in stage);
  return { data: { list: limited ? list : list.slice(0, AGGREGATE_DEFAULT_LIMIT) } };
}

// --------------------------------------------------------------------------------------------- writes

function insertDocument(scope: ActionScope, params: Params): Record<string, unknown> {
  const collection = requiredString(params, 'collectionName');
  const docs = stringArray(params, 'data').map((text, index) =>
    newDocument(text, `data[${index}]`, scope.now),
  );
  const keys = new Set<string>();
  for (const doc of docs) {
    const key = documentKey(doc._id as DocumentId);
    if (keys.has(key)) throw duplicateKey(collection, doc._id);
    keys.add(key);
  }
  const transaction = openTransaction(scope, params);
  if (transaction) {
    for (const doc of docs) {
      const key = documentKey(doc._id as DocumentId);
      if (scope.transactions.read(transaction, collection, key) !== null)
        throw duplicateKey(collection, doc._id);
      scope.transactions.stage(transaction, collection, key, doc);
    }
  } else {
    const documents = scope.store.documents(collection);
    // All or nothing: one SQLite transaction for the whole batch.
    const writes = docs.map((doc): DocumentWrite => {
      const key = documentKey(doc._id as DocumentId);
      if (documents.has(key)) throw duplicateKey(collection, doc._id);
      return { collection, key, doc };
    });
    scope.store.apply(writes);
  }
  return { data: { insertedIds: docs.map((doc) => doc._id) } };
}

function modifyDocument(scope: ActionScope, params: Params): Record<string, unknown> {
  const collection = requiredString(params, 'collectionName');
  const plan = parseUpdate(requiredString(params, 'data'), optionalBoolean(params, 'merge', true), scope.now);
  const upsert = optionalBoolean(params, 'upsert', false);
  const transaction = openTransaction(scope, params);
  if (transaction) {
    if (queryType(params) !== 'DOC') throw refusedInTransaction('where().update()');
    const id = idOfDocQuery(params, scope.now);
    const result = updateInTransaction(scope, transaction, collection, id, plan, upsert);
    return { data: { updated: result.updated, matched: result.matched, upsert_id: result.upsertedId } };
  }
  const documents = scope.store.documents(collection);
  const filter = filterOf(params, scope.now);
  const multi = optionalBoolean(params, 'multi', false);
  const targets = matchDocuments(documents, filter, multi ? Infinity : 1);
  const writes: DocumentWrite[] = [];
  for (const target of targets) {
    const outcome = applyUpdate(target.doc, plan);
    if (outcome.changed) writes.push({ collection, key: target.key, doc: outcome.doc });
  }
  let upsertedId: DocumentId | undefined;
  if (targets.length === 0 && upsert) {
    upsertedId = isDocumentId(filter.query._id) ? filter.query._id : generateDocumentId();
    writes.push({
      collection,
      key: documentKey(upsertedId),
      doc: documentForUpsert(upsertedId, filter.query, plan),
    });
  }
  scope.store.apply(writes);
  const updated = upsertedId === undefined ? writes.length : 0;
  return { data: { updated, matched: targets.length, upsert_id: upsertedId } };
}

function removeDocument(scope: ActionScope, params: Params): Record<string, unknown> {
  const collection = requiredString(params, 'collectionName');
  const transaction = openTransaction(scope, params);
  if (transaction) {
    if (queryType(params) !== 'DOC') throw refusedInTransaction('where().remove()');
    const key = documentKey(idOfDocQuery(params, scope.now));
    const current = scope.transactions.read(transaction, collection, key);
    if (current) scope.transactions.stage(transaction, collection, key, null);
    return { data: { deleted: current ? 1 : 0 } };
  }
  const documents = scope.store.documents(collection);
  const multi = optionalBoolean(params, 'multi', false);
  const targets = matchDocuments(documents, filterOf(params, scope.now), multi ? Infinity : 1);
  scope.store.apply(targets.map((target): DocumentWrite => ({ collection, key: target.key, doc: null })));
  return { data: { deleted: targets.length } };
}

/** Updates the first matching document and answers it as it is after the update. */
function modifyAndReturnDoc(scope: ActionScope, params: Params): Record<string, unknown> {
  refuseTransaction(params, 'updateAndReturn()');
  const collection = requiredString(params, 'collectionName');
  const plan = parseUpdate(requiredString(params, 'data'), true, scope.now);
  const [target] = matchDocuments(scope.store.documents(collection), filterOf(params, scope.now), 1);
  if (!target) return { data: { updated: 0, doc: null } };
  const outcome = applyUpdate(target.doc, plan);
  if (outcome.changed) scope.store.apply([{ collection, key: target.key, doc: outcome.doc }]);
  return { data: { updated: outcome.changed ? 1 : 0, doc: encodeEjson(outcome.doc) } };
}

function addCollection(scope: ActionScope, params: Params): Record<string, unknown> {
  scope.store.createCollection(requiredString(params, 'collectionName'));
  return {};
}

// --------------------------------------------------------------------------------------- transactions

function startTransaction(scope: ActionScope): Record<string, unknown> {
  return { transactionId: scope.transactions.start().id };
}

function commitTransaction(scope: ActionScope, params: Params): Record<string, unknown> {
  scope.transactions.commit(requiredString(params, 'transactionId'));
  return {};
}

function abortTransaction(scope: ActionScope, params: Params): Record<string, unknown> {
  scope.transactions.abort(requiredString(params, 'transactionId'));
  return {};
}

/** Legacy transaction API (@cloudbase/database transaction.ts): the document as an EJSON string, or "null". */
function getInTransaction(scope: ActionScope, params: Params): Record<string, unknown> {
  const transaction = scope.transactions.get(requiredString(params, 'transactionId'));
  const collection = requiredString(params, 'collectionName');
  const doc = scope.transactions.read(transaction, collection, documentKey(legacyId(params)));
  return { data: encodeEjson(doc) };
}

/** Legacy: `data` is `{$set: ...}` for update() or the whole document for set() (sent with upsert: true). */
function updateDocInTransaction(scope: ActionScope, params: Params): Record<string, unknown> {
  const transaction = scope.transactions.get(requiredString(params, 'transactionId'));
  const collection = requiredString(params, 'collectionName');
  const text = requiredString(params, 'data');
  const data = parseEjson(text, 'data', scope.now);
  const merge = isPlainObject(data) && Object.keys(data).some((key) => key.startsWith('$'));
  const plan = parseUpdate(text, merge, scope.now);
  const upsert = optionalBoolean(params, 'upsert', false);
  const result = updateInTransaction(scope, transaction, collection, legacyId(params), plan, upsert);
  return {
    updated: result.updated,
    upserted: result.upsertedId === undefined ? null : JSON.stringify([{ _id: result.upsertedId }]),
  };
}

function deleteDocInTransaction(scope: ActionScope, params: Params): Record<string, unknown> {
  const transaction = scope.transactions.get(requiredString(params, 'transactionId'));
  const collection = requiredString(params, 'collectionName');
  const key = documentKey(legacyId(params));
  const current = scope.transactions.read(transaction, collection, key);
  if (current) scope.transactions.stage(transaction, collection, key, null);
  return { deleted: current ? 1 : 0 };
}

// ------------------------------------------------------------------------------------- shared steps

interface UpdateResult {
  readonly updated: number;
  readonly matched: number;
  readonly upsertedId: DocumentId | undefined;
}

function updateInTransaction(
  scope: ActionScope,
  transaction: Transaction,
  collection: string,
  id: DocumentId,
  plan: UpdatePlan,
  upsert: boolean,
): UpdateResult {
  const key = documentKey(id);
  const current = scope.transactions.read(transaction, collection, key);
  if (current) {
    const outcome = applyUpdate(current, plan);
    if (outcome.changed) scope.transactions.stage(transaction, collection, key, outcome.doc);
    return { updated: outcome.changed ? 1 : 0, matched: 1, upsertedId: undefined };
  }
  if (!upsert) return { updated: 0, matched: 0, upsertedId: undefined };
  scope.transactions.stage(transaction, collection, key, documentForUpsert(id, { _id: id }, plan));
  return { updated: 0, matched: 0, upsertedId: id };
}

function openTransaction(scope: ActionScope, params: Params): Transaction | undefined {
  const id = optionalString(params, 'transactionId');
  return id === undefined ? undefined : scope.transactions.get(id);
}

function refuseTransaction(params: Params, what: string): void {
  if (optionalString(params, 'transactionId') !== undefined) throw refusedInTransaction(what);
}

function refusedInTransaction(what: string): Error {
  return invalidParam(
    `${what} cannot run in a transaction: a transaction allows single-document operations only ` +
      '(doc().get/set/update/remove and add)',
  );
}

function filterOf(params: Params, now: number): Filter {
  const text = optionalString(params, 'query');
  if (queryType(params) === 'DOC') return filterById(docQueryId(text, now));
  return compileFilter(text, now);
}

function idOfDocQuery(params: Params, now: number): DocumentId {
  const id = docQueryId(optionalString(params, 'query'), now);
  if (!isDocumentId(id)) throw invalidParam('query of a DOC operation must be {"_id": <string or number>}');
  return id;
}

function docQueryId(text: string | undefined, now: number): unknown {
  if (text === undefined) throw invalidParam('query is required for a DOC operation');
  const query = parseEjson(text, 'query', now);
  return isPlainObject(query) ? query._id : undefined;
}

function legacyId(params: Params): DocumentId {
  const id = params._id;
  if (!isDocumentId(id)) throw invalidParam('_id must be a non-empty string or a number');
  return id;
}

/** A document to insert, with `_id` first as the cloud returns it and a generated id when none is given. */
function newDocument(text: string, what: string, now: number): Document {
  const parsed = parseEjson(text, what, now);
  if (!isPlainObject(parsed)) throw invalidParam(`${what} must be an object`);
  const { _id: givenId, ...fields } = parsed;
  const id = givenId === undefined ? generateDocumentId() : readDocumentId({ _id: givenId }, what);
  return { _id: id, ...fields };
}

function duplicateKey(collection: string, id: unknown): Error {
  return requestFailed(
    `E11000 duplicate key error collection: ${collection} index: _id_ dup key: { _id: ${JSON.stringify(id)} }`,
  );
}
