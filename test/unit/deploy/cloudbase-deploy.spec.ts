/**
 * deploy:functions and deploy:database against a local fake of Tencent Cloud's API endpoints: the real
 * commands and the real manager-node, reaching the fake through HTTPS_PROXY, every request's signature
 * checked. The assertions are on the API 3.0 requests manager-node sent.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { COLLECTIONS } from '../../../cloudfunctions/common/repositories/collections';
import { deployPlan, type DeployPlan } from '../../../scripts/deploy/deploy-plan';
import { FAKE_ENV, startFakeCloudBase, type FakeCloudBase } from './fake-cloudbase';
import {
  makeConfigFixture,
  ROOT,
  runDeployScriptAsync,
  TEST_API_KEY,
  withField,
  type ConfigFixture,
} from './fixture';

const ENV_ID = 'shop-prod-1a2b3c';
// Each command starts a process and manager-node polls function status once a second: minutes on a busy machine.
jest.setTimeout(240_000);

let fixture: ConfigFixture;
let config: string;
let plan: DeployPlan;

beforeAll(async () => {
  fixture = makeConfigFixture();
  config = fixture.write(fixture.v3());
  if (!fs.existsSync(path.join(ROOT, 'dist', 'cloudfunctions', 'worker', 'index.js'))) {
    const build = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/build-cloud.ts'], {
      cwd: ROOT,
    });
    if (build.status !== 0) throw new Error('build of the cloud functions failed');
  }
  plan = await deployPlan();
});
afterAll(() => fixture.remove());

function deploy(fake: FakeCloudBase, script: string, args: string[] = [], file = config) {
  return runDeployScriptAsync(
    script,
    ['--skip-build', ...args].filter((arg) => script === 'functions' || arg !== '--skip-build'),
    {
      config: file,
      env: { HTTPS_PROXY: fake.proxyUrl, NODE_EXTRA_CA_CERTS: fake.caFile },
    },
  );
}

describe('deploy:functions through the management API', () => {
  let fake: FakeCloudBase;
  beforeEach(async () => {
    fake = await startFakeCloudBase(TEST_API_KEY, ENV_ID);
  });
  afterEach(() => fake.close());

  it('creates every function with its runtime, timeout, memory, variables, trigger and cloud install', async () => {
    const run = await deploy(fake, 'functions');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(fake.badSignatures).toEqual([]);
    const created = fake.calls.filter((call) => call.action === 'CreateFunction');
    expect(created.map((call) => call.body.FunctionName).sort()).toEqual(
      plan.functions.map((fn) => fn.name).sort(),
    );
    for (const fn of plan.functions) {
      const body = created.find((call) => call.body.FunctionName === fn.name)?.body ?? {};
      expect(body).toMatchObject({
        Runtime: fn.runtime,
        Timeout: fn.timeout,
        MemorySize: fn.memorySize,
        InstallDependency: 'TRUE',
        Handler: 'index.main',
      });
      const keys = ((body.Environment as { Variables: { Key: string }[] }).Variables ?? []).map(
        (item) => item.Key,
      );
      // Every variable given is one the function reads; the v3 configuration sets no cloudPay-only ones.
      expect(keys.every((key) => fn.envNames.includes(key))).toBe(true);
      expect(keys).toContain('PAY_MODE');
      expect(fake.functions.get(fn.name)?.zipBytes).toBeGreaterThan(1000);
    }
    const triggers = fake.calls.filter((call) => call.action === 'BatchCreateTrigger');
    expect(triggers.map((call) => [call.body.FunctionName, JSON.parse(String(call.body.Triggers))])).toEqual([
      ['worker', [{ TriggerName: 'everyMinute', Type: 'timer', TriggerDesc: '0 */1 * * * * *' }]],
    ]);
    expect(run.stdout).toContain('✓ worker created, trigger everyMinute');
  });

  it('updates code and configuration of existing functions and leaves a matching trigger alone', async () => {
    expect((await deploy(fake, 'functions', ['--only', 'worker'])).status).toBe(0);
    fake.calls.length = 0;
    const run = await deploy(fake, 'functions', ['--only', 'worker']);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(fake.actions('scf').filter((action) => action !== 'GetFunction')).toEqual([
      'UpdateFunctionCode',
      'UpdateFunctionConfiguration',
    ]);
    const update = fake.calls.find((call) => call.action === 'UpdateFunctionConfiguration')?.body;
    expect(update).toMatchObject({
      FunctionName: 'worker',
      Timeout: 60,
      MemorySize: 256,
      InstallDependency: 'TRUE',
    });
    expect(run.stdout).toContain('✓ worker updated');
  });

  it('replaces a trigger whose schedule changed', async () => {
    expect((await deploy(fake, 'functions', ['--only', 'worker'])).status).toBe(0);
    const worker = fake.functions.get('worker');
    if (!worker) throw new Error('worker was not created');
    worker.Triggers = [
      { Type: 'timer', TriggerName: 'everyMinute', TriggerDesc: '{"cron":"0 */5 * * * * *"}' },
    ];
    fake.calls.length = 0;
    expect((await deploy(fake, 'functions', ['--only', 'worker'])).status).toBe(0);
    expect(fake.actions('scf').filter((action) => /Trigger/.test(action))).toEqual([
      'DeleteTrigger',
      'BatchCreateTrigger',
    ]);
  });

  it('refuses, in one line, a function that exists with another runtime', async () => {
    expect((await deploy(fake, 'functions', ['--only', 'shop'])).status).toBe(0);
    const shop = fake.functions.get('shop');
    if (!shop) throw new Error('shop was not created');
    shop.Runtime = 'Nodejs8.9';
    const run = await deploy(fake, 'functions', ['--only', 'shop']);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `✗ function shop exists with runtime Nodejs8.9, the plan says ${plan.functions.find((fn) => fn.name === 'shop')?.runtime}, and a function's runtime cannot be changed: delete shop in the cloud console (云开发控制台 → 云函数) and deploy again`,
    );
    expect(fake.actions('scf')).not.toContain('UpdateFunctionCode');
  });

  it('names a wrong SecretKey in one line', async () => {
    const keyFile = path.join(fixture.dir, 'secrets', 'other-key.json');
    fs.writeFileSync(
      keyFile,
      JSON.stringify({ ...TEST_API_KEY, secretKey: 'WrongKey0123456789abcdefEXAMPLE' }),
    );
    const other = fixture.write(
      withField(fixture.v3(), 'tencentCloudKeyPath', 'secrets/other-key.json'),
      'other.json',
    );
    const run = await deploy(fake, 'functions', ['--only', 'shop'], other);
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      '✗ reading function shop failed (AuthFailure.SignatureFailure): the SecretKey does not match the SecretId',
    );
    expect(fake.calls).toEqual([]);
  });
});

describe('deploy:database through the management API', () => {
  let fake: FakeCloudBase;
  beforeAll(async () => {
    fake = await startFakeCloudBase(TEST_API_KEY, ENV_ID);
  });
  afterAll(() => fake.close());

  it('creates every collection, its indexes and its rule', async () => {
    const run = await deploy(fake, 'database');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(fake.badSignatures).toEqual([]);
    const created = fake.calls
      .filter((call) => call.action === 'CreateTable')
      .map((call) => call.body.TableName);
    expect(created.sort()).toEqual(Object.values(COLLECTIONS).sort());
    for (const collection of plan.collections) {
      const state = fake.collections.get(collection.name);
      expect(state?.indexes.map((index) => index.Name)).toEqual(
        collection.indexes.map((index) => index.name),
      );
      expect(state?.rule).toBe(JSON.stringify(collection.rules));
    }
    const orderNo = fake.collections.get('orders')?.indexes.find((index) => index.Name === 'orderNo');
    expect(orderNo).toEqual({ Name: 'orderNo', Keys: [{ Name: 'orderNo', Direction: '1' }], Unique: true });
  });

  it('a second run creates nothing and sets the rules again', async () => {
    fake.calls.length = 0;
    const run = await deploy(fake, 'database');
    expect(run.status).toBe(0);
    const actions = fake.actions('tcb');
    expect(actions).not.toContain('CreateTable');
    expect(actions).not.toContain('UpdateTable');
    expect(actions.filter((action) => action === 'ModifyResourcePermission')).toHaveLength(
      plan.collections.length,
    );
  });
});

describe('deploy:assets through the management API', () => {
  let fake: FakeCloudBase;
  beforeAll(async () => {
    fake = await startFakeCloudBase(TEST_API_KEY, ENV_ID);
  });
  afterAll(() => fake.close());

  it('uploads every seed image to the bucket of the environment under assets/', async () => {
    const dir = path.join(ROOT, 'emulator', 'seed', 'images');
    const files = (fs.readdirSync(dir, { recursive: true }) as string[])
      .filter((file) => fs.statSync(path.join(dir, file)).isFile())
      .map((file) => ({
        key: `assets/${file.split(path.sep).join('/')}`,
        bytes: fs.statSync(path.join(dir, file)).size,
      }))
      .sort((a, b) => a.key.localeCompare(b.key));
    const run = await deploy(fake, 'assets');
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const objects = fake.storage
      .filter((write) => write.method === 'PUT' && !write.key.endsWith('/'))
      .map((write) => ({ key: write.key, bytes: write.bytes }))
      .sort((a, b) => a.key.localeCompare(b.key));
    expect(objects).toEqual(files);
    expect(new Set(fake.storage.map((write) => write.host))).toEqual(
      new Set([`${FAKE_ENV.bucket}.cos.ap-shanghai.tencentcos.cn`]),
    );
    // Each file gets its CloudBase file id before its upload (manager-node asks once per pass).
    const described = fake.calls
      .filter((call) => call.action === 'storage.getUploadMetadata')
      .map((call) => String(call.body.path));
    expect([...new Set(described)].sort()).toEqual(files.map((file) => file.key).sort());
    expect(run.stdout).toContain(`✓ ${files.length} images uploaded to ${ENV_ID}:assets/`);
  });
});
