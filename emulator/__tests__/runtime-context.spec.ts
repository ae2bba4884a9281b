/**
 * What a function sees of its invocation: the caller's OPENID/APPID/SOURCE through getWXContext, the cloud's
 * context argument, one invocation at a time per instance, cold and warm starts, reaping and rebuilds.
 */
import fs from 'node:fs';
import path from 'node:path';
import { callFunction, copyFixtures, startTestCloud, type TestCloud } from './runtime-fixture-cloud';

interface WxContext {
  OPENID?: string;
  APPID?: string;
  UNIONID?: string;
  CLIENTIP?: string;
  ENV?: string;
  SOURCE?: string;
}

interface WhoAmI {
  before: WxContext;
  after: WxContext;
  event: Record<string, unknown>;
  pid: number;
  maxInFlight: number;
  invocations: number;
  context: {
    request_id: string;
    function_name: string;
    memory_limit_in_mb: number;
    time_limit_in_ms: number;
    remaining: number;
    environment: Record<string, string>;
  };
  tz: string;
  envOpenid: string | null;
  envSource: string | null;
}

describe('invocation context', () => {
  let test: TestCloud;

  beforeAll(async () => {
    test = await startTestCloud({ maxInstancesPerFunction: 4 });
  });
  afterAll(() => test.stop());

  it('gives getWXContext the caller of each invocation and the cloud context argument', async () => {
    const alice = await callFunction<WhoAmI>(
      test.cloud,
      'whoami',
      { action: 'hi' },
      { 'x-wx-openid': 'o-alice', 'x-wx-appid': 'wxshopapp00000001' },
    );
    expect(alice.status).toBe(200);
    expect(alice.body.before).toEqual({
      OPENID: 'o-alice',
      APPID: 'wxshopapp00000001',
      CLIENTIP: '127.0.0.1',
      ENV: 'local',
      SOURCE: 'wx_client',
    });
    expect(alice.body.event).toEqual({
      action: 'hi',
      userInfo: { appId: 'wxshopapp00000001', openId: 'o-alice' },
    });
    expect(alice.body.context).toMatchObject({
      function_name: 'whoami',
      memory_limit_in_mb: 256,
      time_limit_in_ms: 3000,
    });
    expect(alice.body.context.request_id).toBe(alice.headers.get('x-request-id'));
    expect(alice.body.context.remaining).toBeGreaterThan(2000);
    expect(alice.body.context.environment).toMatchObject({ WX_OPENID: 'o-alice', TCB_SOURCE: 'wx_client' });
    expect(alice.body.tz).toBe('UTC');

    // The next invocation on the same (now warm) instance sees its own caller, and nothing of the last one.
    const anonymous = await callFunction<WhoAmI>(test.cloud, 'whoami', {});
    expect(anonymous.body.pid).toBe(alice.body.pid);
    expect(anonymous.headers.get('x-cold-start')).toBe('false');
    expect(anonymous.body.before.OPENID).toBeUndefined();
    expect(anonymous.body.before.APPID).toBe('wx0000000000000000');
    expect(anonymous.body.event.userInfo).toBeUndefined();
    expect(anonymous.body.envOpenid).toBeNull();

    // Over HTTP access there is no user and no WeChat source at all.
    const overHttp = (await (await fetch(`${test.cloud.url}/http/whoami`)).json()) as WhoAmI;
    expect(overHttp.pid).toBe(alice.body.pid);
    expect(overHttp.before).toEqual({ CLIENTIP: '127.0.0.1', ENV: 'local' });
    expect(overHttp.envSource).toBeNull();
  });

  it('never mixes the users of concurrent invocations: each instance runs one at a time', async () => {
    const users = Array.from({ length: 10 }, (_, index) => `o-user-${index}`);
    const answers = await Promise.all(
      users.map((openid) =>
        callFunction<WhoAmI>(test.cloud, 'whoami', { delayMs: 150 }, { 'x-wx-openid': openid }),
      ),
    );
    answers.forEach((answer, index) => {
      expect(answer.status).toBe(200);
      expect(answer.body.before.OPENID).toBe(users[index]);
      expect(answer.body.after.OPENID).toBe(users[index]);
      expect(answer.body.maxInFlight).toBe(1);
    });
    const pids = new Set(answers.map((answer) => answer.body.pid));
    // Ten calls of 150 ms at once need several instances, and the pool stops at its limit of 4.
    expect(pids.size).toBeGreaterThan(1);
    expect(pids.size).toBeLessThanOrEqual(4);
    expect(test.cloud.runtime.describe().whoami.instances).toBeLessThanOrEqual(4);
  });
});

describe('instance life', () => {
  it('queues invocations beyond the pool limit instead of failing them', async () => {
    const test = await startTestCloud({ maxInstancesPerFunction: 2 });
    try {
      const answers = await Promise.all(
        Array.from({ length: 6 }, (_, index) =>
          callFunction<WhoAmI>(test.cloud, 'whoami', { delayMs: 200 }, { 'x-wx-openid': `o-${index}` }),
        ),
      );
      expect(answers.map((answer) => answer.status)).toEqual([200, 200, 200, 200, 200, 200]);
      expect(new Set(answers.map((answer) => answer.body.pid)).size).toBeLessThanOrEqual(2);
    } finally {
      await test.stop();
    }
  });

  it('reaps idle instances: the next invocation is a cold start in a new process', async () => {
    const test = await startTestCloud({ idleInstanceMs: 300 });
    try {
      const first = await callFunction<WhoAmI>(test.cloud, 'whoami', {});
      expect(first.headers.get('x-cold-start')).toBe('true');
      const warm = await callFunction<WhoAmI>(test.cloud, 'whoami', {});
      expect(warm.headers.get('x-cold-start')).toBe('false');
      // The reaper stops the idle instance: wait for its process to exit, then the pool is empty.
      await test.cloud.runtime.instanceExited(first.body.pid);
      expect(test.cloud.runtime.describe().whoami.instances).toBe(0);
      const cold = await callFunction<WhoAmI>(test.cloud, 'whoami', {});
      expect(cold.headers.get('x-cold-start')).toBe('true');
      expect(cold.body.pid).not.toBe(first.body.pid);
    } finally {
      await test.stop();
    }
  });

  it('runs the new build of a function once its index.js changes', async () => {
    const functionsDir = copyFixtures(['slow']);
    const test = await startTestCloud({ functionsDir });
    try {
      const before = await callFunction<{ pid: number; waited: number }>(test.cloud, 'slow', { ms: 1 });
      expect(before.body.waited).toBe(1);
      const entry = path.join(functionsDir, 'slow', 'index.js');
      fs.writeFileSync(entry, 'exports.main = async () => ({ rebuilt: true, pid: process.pid });\n');
      // A different size is enough even where the file system's clock is coarse.
      const after = await callFunction<{ rebuilt?: boolean; pid: number }>(test.cloud, 'slow', {});
      expect(after.body.rebuilt).toBe(true);
      expect(after.headers.get('x-cold-start')).toBe('true');
      expect(after.body.pid).not.toBe(before.body.pid);
    } finally {
      await test.stop();
      fs.rmSync(functionsDir, { recursive: true, force: true });
    }
  });
});
