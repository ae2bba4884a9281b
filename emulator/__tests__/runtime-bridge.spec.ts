/** The H5 bridge (POST /functions/<name>) and the statistics of /_/stats, database requests included. */
import type { StatsSnapshot } from '../stats';
import { callFunction, startTestCloud, type TestCloud } from './runtime-fixture-cloud';

describe('/functions/<name>', () => {
  let test: TestCloud;

  beforeAll(async () => {
    test = await startTestCloud();
  });
  afterAll(() => test.stop());

  it('answers the CORS preflight of a page on another origin', async () => {
    const response = await fetch(`${test.cloud.url}/functions/whoami`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:10086',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'content-type,x-wx-openid',
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(response.headers.get('access-control-allow-headers')).toContain('x-wx-openid');
    const call = await callFunction(test.cloud, 'whoami', {}, { origin: 'http://localhost:10086' });
    expect(call.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('answers the function’s result as JSON, null for no result', async () => {
    const answer = await callFunction<{ waited: number }>(test.cloud, 'slow', { ms: 2 });
    expect(answer.status).toBe(200);
    expect(answer.body.waited).toBe(2);
    expect(answer.headers.get('x-request-id')).toMatch(/^[0-9a-f]{32}$/);
    expect(Number(answer.headers.get('x-function-duration-ms'))).toBeGreaterThan(0);
  });

  it('rejects a body that is not a JSON object', async () => {
    const response = await fetch(`${test.cloud.url}/functions/whoami`, { method: 'POST', body: '[1,2' });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { errCode: number }).errCode).toBe(-501007);
  });
});

describe('/_/stats', () => {
  let test: TestCloud;

  beforeAll(async () => {
    test = await startTestCloud();
  });
  afterAll(() => test.stop());

  const stats = async (query = ''): Promise<StatsSnapshot> =>
    (await (await fetch(`${test.cloud.url}/_/stats${query}`)).json()) as StatsSnapshot;

  it('counts invocations, cold starts, errors and the database requests of each function', async () => {
    expect(
      (await callFunction<{ total: number }>(test.cloud, 'visits', {}, { 'x-wx-openid': 'o-dora' })).body
        .total,
    ).toBe(1);
    expect(
      (await callFunction<{ total: number }>(test.cloud, 'visits', {}, { 'x-wx-openid': 'o-dora' })).body
        .total,
    ).toBe(2);
    expect(
      (await callFunction<{ total: number }>(test.cloud, 'visits', {}, { 'x-wx-openid': 'o-eve' })).body
        .total,
    ).toBe(1);
    await callFunction(test.cloud, 'failing', { mode: 'throw' });

    const snapshot = await stats();
    expect(snapshot.functions.visits).toMatchObject({
      invocations: 3,
      coldStarts: 1,
      errors: 0,
      dbRequests: 9,
    });
    expect(snapshot.functions.visits.avgMs).toBeGreaterThan(0);
    expect(snapshot.functions.visits.initMs).toBeGreaterThan(0);
    expect(snapshot.functions.failing).toMatchObject({ invocations: 1, errors: 1, dbRequests: 0 });
    // Each visit: addCollection (fails once it exists), insertDocument, calculateDocument.
    expect(snapshot.actions['database.insertDocument']).toMatchObject({ requests: 3, errors: 0 });
    expect(snapshot.actions['database.calculateDocument']).toMatchObject({ requests: 3, errors: 0 });
    expect(snapshot.actions['database.addCollection']).toMatchObject({ requests: 3, errors: 2 });
    expect(snapshot.totals).toMatchObject({ invocations: 4, errors: 1, dbRequests: 9 });
  });

  it('starts counting again with ?reset=1 (answering the figures so far) and POST /_/stats/reset', async () => {
    await callFunction(test.cloud, 'whoami', {});
    const before = await stats('?reset=1');
    expect(before.totals.invocations).toBeGreaterThan(0);
    expect((await stats()).totals).toEqual({ invocations: 0, errors: 0, dbRequests: 0, adminRequests: 0 });

    await callFunction(test.cloud, 'whoami', {});
    expect((await stats()).functions.whoami).toMatchObject({ invocations: 1, coldStarts: 0 });
    const reset = await fetch(`${test.cloud.url}/_/stats/reset`, { method: 'POST' });
    expect(reset.status).toBe(200);
    expect((await stats()).functions).toEqual({});
  });
});
