/**
 * The deployment plan from the repository alone: every function of cloudfunctions/ with a Node 16+ runtime,
 * the variables its bundle reads and its config.json; every collection with its indexes and rule. Also the
 * checks of config.json and the trigger reconciliation the deploy applies.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { COLLECTIONS } from '../../../cloudfunctions/common/repositories/collections';
import { DeployError } from '../../../scripts/deploy/cli';
import { triggerChanges } from '../../../scripts/deploy/cloudbase-functions';
import { deployPlan, envNamesOfBundle, type DeployPlan } from '../../../scripts/deploy/deploy-plan';
import { parseFunctionConfig, sourceFunctionNames } from '../../../scripts/deploy/function-config';
import { ROOT } from './fixture';

let plan: DeployPlan;
beforeAll(async () => {
  plan = await deployPlan();
});

describe('deployPlan', () => {
  it('lists every function of cloudfunctions/ on a Node 16 or newer runtime', () => {
    expect(plan.functions.map((fn) => fn.name)).toEqual(sourceFunctionNames());
    expect(plan.functions.map((fn) => fn.name)).toEqual(
      expect.arrayContaining(['admin', 'payCallback', 'payNotify', 'shop', 'worker']),
    );
    for (const fn of plan.functions) {
      const major = Number(/^Nodejs(\d+)\./.exec(fn.runtime)?.[1]);
      expect(major).toBeGreaterThanOrEqual(16);
      expect(fn.timeout).toBeGreaterThan(0);
      expect(fn.memorySize).toBeGreaterThanOrEqual(128);
    }
  });

  it('gives each function the variables its code reads, and only those', () => {
    const byName = Object.fromEntries(plan.functions.map((fn) => [fn.name, fn]));
    expect(byName.shop.envNames).toEqual(expect.arrayContaining(['PAY_MODE', 'SHOP_ADMIN_OPENIDS']));
    // payNotify never reads the shop settings.
    expect(byName.payNotify.envNames.some((name) => name.startsWith('SHOP_'))).toBe(false);
    expect(byName.worker.triggers).toEqual([
      { name: 'everyMinute', type: 'timer', config: '0 */1 * * * * *' },
    ]);
  });

  it('lists every collection of collections.ts with its indexes and rule', () => {
    expect(plan.collections.map((item) => item.name).sort()).toEqual(Object.values(COLLECTIONS).sort());
    for (const collection of plan.collections) expect(collection.rules).toBeDefined();
    const orders = plan.collections.find((item) => item.name === 'orders');
    expect(orders?.indexes.find((index) => index.name === 'orderNo')).toMatchObject({ unique: true });
  });

  it('npm run deploy:plan prints the same plan as JSON without configuration or network', () => {
    const run = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/deploy/plan.ts'], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, SHOP_CONFIG: path.join(ROOT, 'absent.json'), HTTPS_PROXY: 'http://127.0.0.1:9' },
    });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(JSON.parse(JSON.stringify(plan)));
  });
});

describe('envNamesOfBundle', () => {
  it('matches whole names only', () => {
    expect(envNamesOfBundle('process.env.PAY_MODE; env.PAY_MODE_X; "SHOP_SHIPPING_RULE"')).toEqual([
      'PAY_MODE',
      'SHOP_SHIPPING_RULE',
    ]);
  });
});

describe('parseFunctionConfig', () => {
  const valid = {
    runtime: 'Nodejs16.13',
    timeout: 10,
    memorySize: 256,
    permissions: { openapi: [] },
    triggers: [],
  };
  const problem = (raw: unknown): string => {
    try {
      parseFunctionConfig('shop', JSON.stringify(raw));
    } catch (error) {
      if (error instanceof DeployError) return error.message;
      throw error;
    }
    return 'accepted';
  };

  it('accepts a complete config.json', () => {
    expect(problem(valid)).toBe('accepted');
  });

  it('refuses a runtime older than Node 16, a missing memory size, and a 6-field cron, naming the field', () => {
    expect(problem({ ...valid, runtime: 'Nodejs8.9' })).toBe(
      'shop/config.json: runtime must be one of Nodejs16.13, Nodejs18.15, Nodejs20.19',
    );
    expect(problem({ ...valid, memorySize: undefined })).toBe('shop/config.json: memorySize is missing');
    expect(problem({ ...valid, triggers: [{ name: 'tick', type: 'timer', config: '0 */1 * * * *' }] })).toBe(
      'shop/config.json: triggers.0.config needs 7 cron fields (second minute hour day month weekday year)',
    );
  });
});

describe('triggerChanges', () => {
  const planned = [{ name: 'everyMinute', type: 'timer' as const, config: '0 */1 * * * * *' }];

  it('keeps a deployed trigger with the same name and schedule', () => {
    const deployed = [
      { Type: 'timer', TriggerName: 'everyMinute', TriggerDesc: '{"cron":"0 */1 * * * * *"}' },
    ];
    expect(triggerChanges(planned, deployed)).toEqual({ remove: [], create: [] });
  });

  it('replaces a changed schedule and removes timers the plan does not name', () => {
    const deployed = [
      { Type: 'timer', TriggerName: 'everyMinute', TriggerDesc: '0 */5 * * * * *' },
      { Type: 'timer', TriggerName: 'old', TriggerDesc: '0 0 * * * * *' },
    ];
    expect(triggerChanges(planned, deployed)).toEqual({ remove: ['everyMinute', 'old'], create: planned });
  });
});
