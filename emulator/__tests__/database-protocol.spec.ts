/**
 * The endpoint itself: answers to bad requests (malformed JSON, unknown action, invalid EJSON, bodies and
 * documents over the limits) in the shape the SDK reports, a server that keeps serving after them, the raw
 * response shapes curl users rely on, and the hooks other parts of the local cloud use (actions, statistics).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import {
  AdminError,
  type AdminContext,
  createAdminContext,
  type DatabaseActionEvent,
  handleAdminRequest,
} from '../admin';
import { failureOf, freshCollection, type SdkDatabase } from '../../test/support/collections';
import { connectSdk, postAdmin, startTestCloud, type TestCloud } from '../../test/support/local-cloud';

let cloud: TestCloud;
let db: SdkDatabase;
let items: string;

beforeAll(async () => {
  cloud = await startTestCloud();
  db = connectSdk(cloud.adminUrl).database();
  items = await freshCollection(db, 'items');
  await db.collection(items).add({ data: { _id: 'a', n: 1 } });
});

afterAll(async () => {
  await cloud.close();
});

async function stillServing(): Promise<void> {
  expect((await db.collection(items).doc('a').get()).data).toEqual({ _id: 'a', n: 1 });
}

describe('bad requests', () => {
  it('answers a malformed JSON body with INVALID_PARAM', async () => {
    const reply = await postAdmin(cloud.adminUrl, '{"action": "database.getDocument", ');
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      code: 'INVALID_PARAM',
      message: 'request body is not valid JSON',
      requestId: expect.any(String),
    });
    await stillServing();
  });

  it('answers a body without an action with INVALID_PARAM', async () => {
    expect((await postAdmin(cloud.adminUrl, '[1, 2]')).body.code).toBe('INVALID_PARAM');
    expect((await postAdmin(cloud.adminUrl, { collectionName: items })).body.code).toBe('INVALID_PARAM');
  });

  it('answers an unknown action with INVALID_PARAM', async () => {
    const reply = await postAdmin(cloud.adminUrl, {
      action: 'database.dropEverything',
      collectionName: items,
    });
    expect(reply.body).toMatchObject({
      code: 'INVALID_PARAM',
      message: 'unknown action database.dropEverything',
    });
    await stillServing();
  });

  it.each([
    ['not JSON', 'not json'],
    ['a bad $numberInt', '{"n": {"$numberInt": "twelve"}}'],
    ['a bad $date', '{"at": {"$date": {"$numberLong": "soon"}}}'],
    ['an unsupported EJSON type', '{"blob": {"$binary": {"base64": "", "subType": "00"}}}'],
    ['a query that is not an object', '[1]'],
  ])('answers a query with %s with INVALID_PARAM', async (_label, query) => {
    const reply = await postAdmin(cloud.adminUrl, {
      action: 'database.getDocument',
      collectionName: items,
      queryType: 'WHERE',
      query,
    });
    expect(reply.body.code).toBe('INVALID_PARAM');
    await stillServing();
  });

  it('answers fields of the wrong type with INVALID_PARAM', async () => {
    const reply = await postAdmin(cloud.adminUrl, {
      action: 'database.getDocument',
      collectionName: items,
      limit: 'ten',
    });
    expect(reply.body).toMatchObject({
      code: 'INVALID_PARAM',
      message: 'limit must be a non-negative integer',
    });
    const noCollection = await postAdmin(cloud.adminUrl, { action: 'database.calculateDocument' });
    expect(noCollection.body).toMatchObject({
      code: 'INVALID_PARAM',
      message: 'collectionName must be a non-empty string',
    });
  });

  it('refuses a document over 16 MB and keeps serving', async () => {
    const failure = await failureOf(
      db.collection(items).add({ data: { blob: 'x'.repeat(17 * 1024 * 1024) } }),
    );
    expect(failure.errCode).toBe(-502001);
    expect(failure.errMsg).toContain('document is too large');
    expect((await db.collection(items).count()).total).toBe(1);
    await stillServing();
  }, 60_000);
});

describe('request body limit', () => {
  let small: TestCloud;

  beforeAll(async () => {
    small = await startTestCloud({ adminBodyLimitBytes: 64 * 1024 });
  });

  afterAll(async () => {
    await small.close();
    connectSdk(cloud.adminUrl);
  });

  it('answers a body over the limit with EXCEED_MAX_PAYLOAD_SIZE, then serves smaller ones', async () => {
    const smallDb = connectSdk(small.adminUrl).database();
    const notes = await freshCollection(smallDb, 'notes');
    const failure = await failureOf(
      smallDb.collection(notes).add({ data: { text: 'x'.repeat(100 * 1024) } }),
    );
    // wx-server-sdk has no number for EXCEED_MAX_PAYLOAD_SIZE and reports its generic -501001.
    expect(failure.errCode).toBe(-501001);
    expect(failure.errMsg).toContain('exceeds the limit of 65536 bytes');
    const added = await smallDb.collection(notes).add({ data: { text: 'short' } });
    expect((await smallDb.collection(notes).doc(added._id).get()).data.text).toBe('short');
  });
});

describe('response shapes', () => {
  it('answers each database action as documented', async () => {
    const send = async (body: object): Promise<Record<string, unknown>> =>
      (await postAdmin(cloud.adminUrl, body)).body;
    const inserted = await send({
      action: 'database.insertDocument',
      collectionName: items,
      data: ['{"_id":"s","n":{"$numberInt":"2"}}'],
    });
    expect(inserted).toEqual({ data: { insertedIds: ['s'] }, requestId: expect.any(String) });
    const got = await send({
      action: 'database.getDocument',
      collectionName: items,
      queryType: 'DOC',
      query: '{"_id":"s"}',
    });
    expect(got).toEqual({
      data: { list: ['{"_id":"s","n":2}'], offset: 0, limit: 100 },
      requestId: expect.any(String),
    });
    const modified = await send({
      action: 'database.modifyDocument',
      collectionName: items,
      queryType: 'DOC',
      query: '{"_id":"s"}',
      data: '{"$inc":{"n":{"$numberInt":"1"}}}',
      multi: false,
      merge: true,
      upsert: false,
    });
    expect(modified).toEqual({ data: { updated: 1, matched: 1 }, requestId: expect.any(String) });
    const returned = await send({
      action: 'database.modifyAndReturnDoc',
      collectionName: items,
      queryType: 'WHERE',
      query: '{"_id":"s"}',
      data: '{"$set":{"at":{"$date":{"$numberLong":"0"}}}}',
    });
    expect(returned).toEqual({
      data: { updated: 1, doc: '{"_id":"s","n":3,"at":{"$date":{"$numberLong":"0"}}}' },
      requestId: expect.any(String),
    });
    const counted = await send({
      action: 'database.calculateDocument',
      collectionName: items,
      queryType: 'WHERE',
    });
    expect(counted).toEqual({ data: { total: 2 }, requestId: expect.any(String) });
    const aggregated = await send({
      action: 'database.aggregateDocuments',
      collectionName: items,
      stages: [{ stageKey: '$group', stageValue: '{"_id":null,"sum":{"$sum":"$n"}}' }],
    });
    expect(aggregated).toEqual({ data: { list: ['{"_id":null,"sum":4}'] }, requestId: expect.any(String) });
    const removed = await send({
      action: 'database.removeDocument',
      collectionName: items,
      queryType: 'DOC',
      query: '{"_id":"s"}',
    });
    expect(removed).toEqual({ data: { deleted: 1 }, requestId: expect.any(String) });
  });
});

describe('hooks for the rest of the local cloud', () => {
  let dataDir: string;
  let context: AdminContext;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'local-cloud-admin-'));
    context = await createAdminContext({ port: 0, dataDir, quiet: true });
  });

  afterAll(async () => {
    await context.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  const call = (body: object, query = ''): Promise<{ status: number; body: unknown }> =>
    handleAdminRequest(context, Buffer.from(JSON.stringify(body)), new URLSearchParams(query));

  it('counts database actions and reports each one with its invocation', async () => {
    const events: DatabaseActionEvent[] = [];
    const stop = context.onDatabaseAction((event) => events.push(event));
    await call({ action: 'database.addCollection', collectionName: 'stats' }, 'invocation=abc&env=e');
    await call(
      { action: 'database.getDocument', collectionName: 'stats', queryType: 'WHERE' },
      'invocation=abc',
    );
    await call({ action: 'database.getDocument', collectionName: 'missing', queryType: 'WHERE' });
    stop();
    await call({ action: 'database.getDocument', collectionName: 'stats', queryType: 'WHERE' });
    expect(events.map(({ action, invocationId, ok, code }) => ({ action, invocationId, ok, code }))).toEqual([
      { action: 'database.addCollection', invocationId: 'abc', ok: true, code: undefined },
      { action: 'database.getDocument', invocationId: 'abc', ok: true, code: undefined },
      {
        action: 'database.getDocument',
        invocationId: undefined,
        ok: false,
        code: 'DATABASE_COLLECTION_NOT_EXIST',
      },
    ]);
    expect(context.databaseActionCounts.get('database.getDocument')).toBe(3);
    expect(context.databaseActionCounts.get('database.addCollection')).toBe(1);
  });

  it('answers actions registered by other modules, with their errors', async () => {
    context.actions.set('functions.invokeFunction', (request) => {
      if (request.params.function_name === 'broken')
        throw new AdminError('FUNCTIONS_EXECUTE_FAIL', 'it broke');
      return { data: { response_data: JSON.stringify({ echoed: request.params.function_name }) } };
    });
    const ok = await call({ action: 'functions.invokeFunction', function_name: 'shop' });
    expect(ok).toEqual({
      status: 200,
      body: { data: { response_data: '{"echoed":"shop"}' }, requestId: expect.any(String) },
    });
    const failed = await call({ action: 'functions.invokeFunction', function_name: 'broken' });
    expect(failed.body).toEqual({
      code: 'FUNCTIONS_EXECUTE_FAIL',
      message: 'it broke',
      requestId: expect.any(String),
    });
  });

  it('keeps answering when a statistics listener throws', async () => {
    const stop = context.onDatabaseAction(() => {
      throw new Error('listener bug');
    });
    const answer = await call({ action: 'database.calculateDocument', collectionName: 'stats' });
    stop();
    expect(answer.body).toEqual({ data: { total: 0 }, requestId: expect.any(String) });
  });

  it('the SDK keeps an invocation query of TCB_CONTEXT_CNFG.URL and appends its own', async () => {
    const seen: string[] = [];
    const probe = http.createServer((req, res) => {
      seen.push(req.url ?? '');
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ requestId: 'r', data: { list: [] } }));
      });
    });
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
    const { port } = probe.address() as AddressInfo;
    try {
      const probeDb = connectSdk(`http://127.0.0.1:${port}/admin?invocation=inv42&`).database();
      await probeDb.collection('x').where({ a: 1 }).get();
    } finally {
      await new Promise<void>((resolve) => probe.close(() => resolve()));
      connectSdk(cloud.adminUrl);
    }
    expect(seen).toHaveLength(1);
    const query = new URL(seen[0], 'http://local').searchParams;
    expect(query.get('invocation')).toBe('inv42');
    expect(query.get('env')).toBe('test-env');
  });
});
