/**
 * Updates: the wire's `data` with its `merge` flag turned into either a replacement document (doc().set) or a
 * list of MongoDB update operators (doc().update, where().update), applied with mingo's updater.
 */
import { update as applyOperator } from 'mingo';
import type { UpdateExpression } from 'mingo/updater';
import { type Document, cloneValue, encodeEjson, isPlainObject, parseEjson } from './ejson';
import { type DocumentId } from './documents';
import { evaluate, mingoOptions } from './engine';
import { invalidParam, requestFailed } from './errors';

export type UpdatePlan =
  | { readonly kind: 'replace'; readonly replacement: Document }
  | { readonly kind: 'operators'; readonly operators: readonly (readonly [string, Document])[] };

export interface UpdateOutcome {
  readonly doc: Document;
  /** False when the update left the document as it was: the cloud then reports `updated: 0`. */
  readonly changed: boolean;
}

const NUMERIC_OPERATORS = new Set(['$inc', '$mul']);

/**
 * `merge: false` is doc().set(): the data is the whole new document. `merge: true` is every other update: the
 * SDK has already turned plain fields into `$set` with dotted paths, but a raw request may still mix plain
 * fields in, and the cloud merges those too.
 */
export function parseUpdate(text: string, merge: boolean, now: number): UpdatePlan {
  const data = parseEjson(text, 'data', now);
  if (!isPlainObject(data)) throw invalidParam('data must be an object');
  const keys = Object.keys(data);
  if (!merge) {
    if (keys.some((key) => key.startsWith('$'))) {
      throw requestFailed(
        'update operator complicit: set() replaces the whole document and takes no operators',
      );
    }
    return { kind: 'replace', replacement: data };
  }
  if (keys.length === 0) throw invalidParam('data of an update must not be empty');
  const operators = new Map<string, Document>();
  const plainFields: Document = {};
  for (const key of keys) {
    const value = data[key];
    if (!key.startsWith('$')) {
      plainFields[key] = value;
      continue;
    }
    if (!isPlainObject(value)) throw invalidParam(`value of update operator ${key} must be an object`);
    operators.set(key, value);
  }
  if (Object.keys(plainFields).length > 0)
    operators.set('$set', { ...operators.get('$set'), ...plainFields });
  for (const [operator, spec] of operators) {
    if (!NUMERIC_OPERATORS.has(operator)) continue;
    for (const [field, amount] of Object.entries(spec)) {
      if (typeof amount !== 'number') {
        throw requestFailed(
          `Cannot apply ${operator} with non-numeric argument: {${field}: ${JSON.stringify(amount)}}`,
        );
      }
    }
  }
  assertNoPathConflicts(operators);
  return { kind: 'operators', operators: [...operators] };
}

/**
 * MongoDB refuses an update of `_id`, and two operators on the same path or on a path and its parent; so does
 * the local cloud.
 */
function assertNoPathConflicts(operators: ReadonlyMap<string, Document>): void {
  const paths: string[] = [];
  for (const [operator, spec] of operators) {
    for (const [field, value] of Object.entries(spec)) {
      paths.push(field);
      if (operator === '$rename' && typeof value === 'string') paths.push(value);
    }
  }
  if (paths.some((path) => path === '_id' || path.startsWith('_id.'))) {
    throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  for (let i = 0; i < paths.length; i++) {
    for (let j = i + 1; j < paths.length; j++) {
      const [a, b] = [paths[i], paths[j]];
      if (a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`)) {
        throw requestFailed(`Updating the path '${a}' would create a conflict at '${b}'`);
      }
    }
  }
}

/** Applies a plan to a copy of `current` (cached documents are shared and never mutated). */
export function applyUpdate(current: Document, plan: UpdatePlan): UpdateOutcome {
  if (plan.kind === 'replace') {
    const doc = replacementFor(current._id as DocumentId, plan.replacement);
    return { doc, changed: encodeEjson(doc) !== encodeEjson(current) };
  }
  const doc = cloneValue(current);
  let modified = 0;
  evaluate('update', () => {
    for (const [operator, spec] of plan.operators) {
      // mingo types an expression as a union of single-operator objects; this object has exactly one key.
      const expression = { [operator]: spec } as unknown as UpdateExpression;
      modified += applyOperator(doc, expression, [], undefined, {
        cloneMode: 'deep',
        queryOptions: mingoOptions,
      }).length;
    }
  });
  if (doc._id !== current._id) {
    throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  return { doc, changed: modified > 0 };
}

export function replacementFor(id: DocumentId, replacement: Document): Document {
  if (replacement._id !== undefined && replacement._id !== id) {
    throw requestFailed("Performing an update on the path '_id' would modify the immutable field '_id'");
  }
  const { _id: _ignored, ...fields } = cloneValue(replacement);
  return { _id: id, ...fields };
}

/**
 * The document an upsert creates when nothing matched. A replacement becomes the document; operators apply
 * to the query's equality fields (MongoDB's rule), e.g. where({sku: 'a'}).update({$inc: {n: 1}}) with
 * upsert creates {sku: 'a', n: 1}.
 */
export function documentForUpsert(id: DocumentId, query: Document, plan: UpdatePlan): Document {
  if (plan.kind === 'replace') return replacementFor(id, plan.replacement);
  const base: Document = { _id: id };
  for (const [field, condition] of Object.entries(query)) {
    if (field.startsWith('$') || field === '_id' || field.includes('.')) continue;
    if (isPlainObject(condition) && Object.keys(condition).some((key) => key.startsWith('$'))) {
      if (Object.keys(condition).length === 1 && '$eq' in condition) base[field] = cloneValue(condition.$eq);
      continue;
    }
    base[field] = cloneValue(condition);
  }
  return applyUpdate(base, plan).doc;
}
