/** cloud.callFunction between functions, through the real wx-server-sdk and the /admin endpoint. */
import { callFunction, startTestCloud, type TestCloud } from './runtime-fixture-cloud';

interface CallerAnswer {
  outer: Record<string, unknown>;
  outerAfter?: Record<string, unknown>;
  inner?: {
    before: Record<string, unknown>;
    event: Record<string, unknown>;
    context: { function_name: string };
  };
  error?: { errCode: number; errMsg: string };
}

describe('cloud.callFunction', () => {
  let test: TestCloud;

  beforeAll(async () => {
    test = await startTestCloud();
  });
  afterAll(() => test.stop());

  it('runs the callee as the caller’s user, with SOURCE "<caller source>,scf", and returns its result', async () => {
    const answer = await callFunction<CallerAnswer>(
      test.cloud,
      'caller',
      { target: 'whoami', data: { question: 42 } },
      { 'x-wx-openid': 'o-carol', 'x-wx-appid': 'wxshopapp00000001' },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.outer).toMatchObject({ OPENID: 'o-carol', SOURCE: 'wx_client' });
    expect(answer.body.inner?.context.function_name).toBe('whoami');
    expect(answer.body.inner?.event).toEqual({ question: 42 });
    expect(answer.body.inner?.before).toEqual({
      OPENID: 'o-carol',
      APPID: 'wxshopapp00000001',
      CLIENTIP: '127.0.0.1',
      ENV: 'local',
      SOURCE: 'wx_client,scf',
    });
    // The caller's own context is intact after the nested call.
    expect(answer.body.outerAfter).toEqual(answer.body.outer);
  });

  it('rejects the caller’s callFunction when the callee throws, with the callee’s message', async () => {
    const answer = await callFunction<CallerAnswer>(
      test.cloud,
      'caller',
      { target: 'failing', data: { mode: 'throw' } },
      { 'x-wx-openid': 'o-carol' },
    );
    expect(answer.status).toBe(200);
    expect(answer.body.error?.errMsg).toContain('boom from failing');
  });

  it('rejects the caller’s callFunction for a function that does not exist', async () => {
    const answer = await callFunction<CallerAnswer>(
      test.cloud,
      'caller',
      { target: 'noSuchFunction' },
      { 'x-wx-openid': 'o-carol' },
    );
    expect(answer.body.error?.errMsg).toContain('noSuchFunction not found');
  });

  it('counts the nested call as a functions.invokeFunction request and an invocation of the callee', async () => {
    await fetch(`${test.cloud.url}/_/stats/reset`, { method: 'POST' });
    await callFunction(test.cloud, 'caller', { target: 'whoami' });
    const stats = test.cloud.stats.snapshot();
    expect(stats.functions.caller.invocations).toBe(1);
    expect(stats.functions.whoami.invocations).toBe(1);
    expect(stats.actions['functions.invokeFunction']).toMatchObject({ requests: 1, errors: 0 });
  });
});
