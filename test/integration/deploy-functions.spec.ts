/**
 * `deploy:functions` up to the network: configuration problems, a missing API key and an unreachable
 * Tencent Cloud end the command with one line and exit code 1; a dry run prints each function's runtime,
 * timeout, memory, trigger and environment variables with secrets masked.
 * It reuses dist/cloudfunctions (--skip-build): rebuilding would pull it from under the suites that run the
 * functions on the local cloud at the same time.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  closedPort,
  lastErrorLine,
  makeConfigFixture,
  ROOT,
  runDeployScript,
  withField,
  type ConfigFixture,
} from '../unit/deploy/fixture';

const FUNCTIONS = path.join(ROOT, 'dist', 'cloudfunctions');

let fixture: ConfigFixture;
beforeAll(() => {
  fixture = makeConfigFixture();
  if (!fs.existsSync(path.join(FUNCTIONS, 'worker', 'index.js'))) {
    const build = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'tsx'), ['scripts/build-cloud.ts'], {
      cwd: ROOT,
    });
    if (build.status !== 0) throw new Error('build of the cloud functions failed');
  }
});
afterAll(() => fixture.remove());

/** The lines a dry run prints for one function: its summary and its variables (indented deeper). */
function functionBlock(stdout: string, name: string): string {
  const lines = stdout.split('\n');
  const start = lines.findIndex((line) => line.startsWith(`  ${name} `));
  if (start < 0) return '';
  const end = lines.findIndex((line, index) => index > start && !line.startsWith('      '));
  return lines.slice(start, end < 0 ? undefined : end).join('\n');
}

describe('deploy:functions', () => {
  it('stops at a configuration problem with one line naming the field', () => {
    const config = fixture.write(withField(fixture.v3(), 'payment.mchid', undefined));
    const run = runDeployScript('functions', ['--skip-build', '--dry-run'], { config });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(`✗ ${config}: payment.mchid is missing`);
  });

  it('says how to create the configuration when there is none', () => {
    const run = runDeployScript('functions', ['--dry-run'], {
      config: path.join(fixture.dir, 'absent.json'),
    });
    expect(run.status).toBe(1);
    expect(lastErrorLine(run)).toContain(
      'not found — copy shop.config.example.json to shop.config.local.json',
    );
  });

  it('says where the API key goes when there is none', () => {
    const config = fixture.write(withField(fixture.v3(), 'tencentCloudKeyPath', undefined));
    const run = runDeployScript('functions', ['--skip-build', '--dry-run'], { config });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      '✗ no Tencent Cloud API key: set tencentCloudKeyPath in the configuration (a JSON file { "secretId", "secretKey" }) or TENCENTCLOUD_SECRETID and TENCENTCLOUD_SECRETKEY (docs/deploy.md, step 3)',
    );
  });

  it('a dry run prints the plan of each function and variables, secrets masked, and sends nothing', () => {
    const config = fixture.write(fixture.v3());
    const run = runDeployScript('functions', ['--skip-build', '--dry-run'], { config });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/worker .* timer everyMinute "0 \*\/1 \* \* \* \* \*"/);
    const worker = functionBlock(run.stdout, 'worker');
    expect(worker).toMatch(/Nodejs\d+\.\d+ {2}timeout 60 s {2}256 MB/);
    expect(worker).toContain('PAY_MODE=wechatpay-v3');
    expect(worker).toContain('SHOP_ADMIN_OPENIDS=oAbCdEfGhIjKlMnOpQrStUvWxYz0');
    expect(worker).toContain('PAY_API_V3_KEY=<secret: 32 characters>');
    // The notify function never reads the shop settings, so it is not given them.
    const payNotify = functionBlock(run.stdout, 'payNotify');
    expect(payNotify).toContain('PAY_NOTIFY_URL=https://shop-prod-1a2b3c.service.tcloudbase.com/payNotify');
    expect(payNotify).not.toContain('SHOP_');
    const keyLine = fs.readFileSync(fixture.keys.merchant, 'utf8').split('\n')[1];
    expect(run.stdout).not.toContain(keyLine);
    expect(run.stdout).not.toContain('a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6');
    expect(run.stdout).toContain('HTTP 访问服务 → 新建 → 路径 /payNotify');
    expect(run.stdout.trim().split('\n').pop()).toMatch(
      /^✓ dry run: stopped before deploying \d+ function\(s\) to shop-prod-1a2b3c$/,
    );
  });

  it('refuses a cloudPay callback function that was not built', () => {
    const config = fixture.write(withField(fixture.cloudpay(), 'payment.callbackFunction', 'payResult'));
    const run = runDeployScript('functions', ['--skip-build', '--dry-run'], { config });
    expect(run.status).toBe(1);
    expect(lastErrorLine(run)).toMatch(
      /^✗ payment\.callbackFunction: no function named payResult in dist\/cloudfunctions/,
    );
  });

  it('fails with one line when Tencent Cloud cannot be reached', async () => {
    const config = fixture.write(fixture.v3());
    const proxyPort = await closedPort();
    const run = runDeployScript('functions', ['--skip-build', '--only', 'worker'], { config, proxyPort });
    expect(run.status).toBe(1);
    expect(run.stdout).toContain('… worker: uploading');
    expect(run.stderr.trim()).toBe(
      "✗ reading function worker: cannot reach Tencent Cloud's API (ECONNREFUSED): check the network, or the proxy in HTTPS_PROXY",
    );
  });
});
