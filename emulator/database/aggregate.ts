/**
 * Aggregation: the SDK's `stages` ([{stageKey: '$match', stageValue: '<EJSON>'}, ...]) run as a MongoDB
 * pipeline by mingo's Aggregator, with `$lookup` reading the other collections of the store.
 */
import { Aggregator } from 'mingo';
import { type Document, cloneValue, encodeEjson, isPlainObject, parseEjson } from './ejson';
import { evaluate, mingoOptions } from './engine';
import { invalidParam } from './errors';
import { filterFor, matchDocuments } from './query';
import type { DocumentStore } from './store';

/** Stages that would write or that need the server's internals; the local cloud answers them with an error. */
const REFUSED_STAGES = new Set([
  '$out',
  '$merge',
  '$collStats',
  '$indexStats',
  '$currentOp',
  '$listSessions',
]);

export function parsePipeline(stages: unknown, now: number): Document[] {
  if (!Array.isArray(stages)) throw invalidParam('stages must be an array of {stageKey, stageValue}');
  return stages.map((stage, index) => {
    if (!isPlainObject(stage) || typeof stage.stageKey !== 'string' || typeof stage.stageValue !== 'string') {
      throw invalidParam(`stages[${index}] must be {stageKey: string, stageValue: string}`);
    }
    const key = stage.stageKey.startsWith('$') ? stage.stageKey : `$${stage.stageKey}`;
    if (REFUSED_STAGES.has(key)) throw invalidParam(`aggregation stage ${key} is not supported`);
    return { [key]: parseEjson(stage.stageValue, `stage ${key}`, now) };
  });
}

/**
 * A `$group` keyed by a field path (or a constant) whose accumulators are all `$sum`: its output holds only
 * the key's value and numbers, so nothing downstream can reach, and modify, the documents it read. A key that
 * is an object or array value is left to the copying path.
 */
function readsOnly(stage: Document | undefined): boolean {
  if (!stage || !isPlainObject(stage.$group)) return false;
  const { _id: key, ...accumulators } = stage.$group;
  if (key !== null && typeof key !== 'string' && typeof key !== 'number') return false;
  return Object.values(accumulators).every(
    (accumulator) => isPlainObject(accumulator) && Object.keys(accumulator).join() === '$sum',
  );
}

/** A counting $group, then only more counting, sorting and paging: nothing that writes into a document. */
function countsOnly(stages: readonly Document[]): boolean {
  const paging = ['$sort', '$skip', '$limit', '$count'];
  return (
    readsOnly(stages[0]) &&
    stages
      .slice(1)
      .every((stage) => readsOnly(stage) || Object.keys(stage).every((key) => paging.includes(key)))
  );
}

/** Runs a pipeline over a collection; answers the EJSON texts of the resulting documents. */
export function runPipeline(
  store: DocumentStore,
  collection: string,
  pipeline: readonly Document[],
): string[] {
  const documents = store.documents(collection);
  let stages = pipeline;
  let input: Document[];
  const first = pipeline[0];
  if (first !== undefined && '$match' in first) {
    // A leading $match is a plain query: filter the cache first so only matching documents get copied, and
    // none when a counting $group comes next (it reads them and builds new documents of numbers).
    const matched = matchDocuments(documents, filterFor(first.$match)).map((stored) => stored.doc);
    input = countsOnly(pipeline.slice(1)) ? matched : matched.map((doc) => cloneValue(doc));
    stages = pipeline.slice(1);
  } else {
    input = [...documents.values()].map((stored) => cloneValue(stored.doc));
  }
  // mingo may modify the objects it is given (e.g. $addFields); cached documents are shared, so every
  // document entering the pipeline, including those a $lookup joins, is a copy.
  const foreign = new Map<string, Document[]>();
  const collectionResolver = (name: string): Document[] => {
    let copies = foreign.get(name);
    if (!copies) {
      copies = store.hasCollection(name)
        ? [...store.documents(name).values()].map((stored) => cloneValue(stored.doc))
        : [];
      foreign.set(name, copies);
    }
    return copies;
  };
  return evaluate('aggregate', () =>
    new Aggregator([...stages], { ...mingoOptions, collectionResolver })
      .run<Document>(input)
      .map((doc) => encodeEjson(doc)),
  );
}
