/** How invocations fail as in the cloud, and how the pool recovers: errors, time limits, crashed processes. */
import { callFunction, processExists, startTestCloud, type TestCloud } from './runtime-fixture-cloud';

interface Failure {
  errCode: number;
  errMsg: string;
  code: string;
  requestId: string;
}

describe('failing invocations', () => {
  let test: TestCloud;

  beforeAll(async () => {
    test = await startTestCloud();
  });
  afterAll(() => test.stop());

  it('answers a thrown error as FUNCTIONS_EXECUTE_FAIL and keeps the instance', async () => {
    const healthy = await callFunction<{ pid: number }>(test.cloud, 'failing', {});
    const failed = await callFunction<Failure>(test.cloud, 'failing', { mode: 'throw' });
    expect(failed.status).toBe(500);
    expect(failed.body).toMatchObject({
      errCode: -504002,
      code: 'FUNCTIONS_EXECUTE_FAIL',
      errMsg: 'Error: boom from failing',
    });
    const after = await callFunction<{ pid: number }>(test.cloud, 'failing', {});
    expect(after.body.pid).toBe(healthy.body.pid);
  });

  it('kills an invocation past the time limit of config.json and replaces its instance', async () => {
    const first = await callFunction<{ pid: number }>(test.cloud, 'slow', { ms: 1 });
    // The function would answer after 5 s; config.json allows 1, so the answer is the time-limit error.
    const timedOut = await callFunction<Failure>(test.cloud, 'slow', { ms: 5000 });
    expect(timedOut.status).toBe(504);
    expect(timedOut.body).toMatchObject({
      errCode: -504003,
      code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
      errMsg: 'Invoking task timed out after 1 seconds',
    });
    // The runtime says when the killed process is gone; it is not there any more.
    await test.cloud.runtime.instanceExited(first.body.pid);
    expect(processExists(first.body.pid)).toBe(false);
    const next = await callFunction<{ pid: number }>(test.cloud, 'slow', { ms: 1 });
    expect(next.status).toBe(200);
    expect(next.headers.get('x-cold-start')).toBe('true');
    expect(next.body.pid).not.toBe(first.body.pid);
    expect(test.cloud.stats.snapshot().functions.slow.timeouts).toBe(1);
  });

  it('answers an error when the instance process exits, and the next invocation runs on a new one', async () => {
    const before = await callFunction<{ pid: number }>(test.cloud, 'failing', {});
    const crashed = await callFunction<Failure>(test.cloud, 'failing', { mode: 'exit' });
    expect(crashed.status).toBe(500);
    expect(crashed.body.code).toBe('FUNCTIONS_EXECUTE_FAIL');
    expect(crashed.body.errMsg).toContain('exit code 3');
    const after = await callFunction<{ pid: number }>(test.cloud, 'failing', {});
    expect(after.status).toBe(200);
    expect(after.body.pid).not.toBe(before.body.pid);
  });

  it('reports an uncaught exception with its error line', async () => {
    const crashed = await callFunction<Failure>(test.cloud, 'failing', { mode: 'uncaught' });
    expect(crashed.status).toBe(500);
    expect(crashed.body.errMsg).toContain('TypeError: uncaught in failing');
    expect((await callFunction(test.cloud, 'failing', {})).status).toBe(200);
  });

  it('answers 404 for a function that is not built', async () => {
    const missing = await callFunction<Failure>(test.cloud, 'noSuchFunction', {});
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe('ResourceNotFound.Function');
  });
});
