/**
 * `upload` and `preview` up to the network: the package must be built for the configured environment, pass
 * WeChat's compiler offline, and then the unreachable WeChat ends the command with one line. They send a copy
 * of dist/weapp (--weapp-dir) rather than rebuilding it for a test environment, which would rewrite the build
 * the weapp suites read while they run; the copy is stamped with the environment id as a build for it carries.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  closedPort,
  lastErrorLine,
  makeConfigFixture,
  ROOT,
  runDeployScript,
  type ConfigFixture,
} from '../unit/deploy/fixture';

const WEAPP = path.join(ROOT, 'dist', 'weapp');
const VERSION = (JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string })
  .version;

let fixture: ConfigFixture;
let config: string;
let stamped: string;

beforeAll(() => {
  fixture = makeConfigFixture();
  config = fixture.write(fixture.v3());
  if (!fs.existsSync(path.join(WEAPP, 'app.json'))) {
    const build = spawnSync(path.join(ROOT, 'node_modules', '.bin', 'taro'), ['build', '--type', 'weapp'], {
      cwd: ROOT,
    });
    if (build.status !== 0) throw new Error('the weapp build failed');
  }
  stamped = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-weapp-'));
  fs.cpSync(WEAPP, stamped, { recursive: true });
  fs.appendFileSync(path.join(stamped, 'app.js'), '\nvar shopCloudEnv = "shop-prod-1a2b3c";\n');
}, 120_000);

afterAll(() => {
  fixture.remove();
  fs.rmSync(stamped, { recursive: true, force: true });
});

describe('upload and preview', () => {
  it('refuse a package built for another cloud environment', () => {
    const run = runDeployScript('upload', ['--skip-build'], { config });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      '✗ dist/weapp was not built for cloud environment shop-prod-1a2b3c: run without --skip-build to build it for that environment',
    );
  });

  it('refuse a folder that is not a mini program build', () => {
    const run = runDeployScript('preview', ['--weapp-dir', fixture.dir], { config });
    expect(run.status).toBe(1);
    expect(lastErrorLine(run)).toMatch(/has no app\.json: build the mini program first/);
  });

  it('upload: passes the compiler offline, then fails with one line when WeChat cannot be reached', async () => {
    const proxyPort = await closedPort();
    const run = runDeployScript('upload', ['--weapp-dir', stamped], { config, proxyPort });
    expect(run.stdout).toContain(`✓ WeChat's compiler accepts ${stamped}`);
    expect(run.stdout).toMatch(
      new RegExp(`version ${VERSION.replace(/\./g, '\\.')}, description ".+ \\([0-9a-f]{7,}.*\\)", robot 2`),
    );
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `✗ upload: cannot reach WeChat's servers (ECONNREFUSED 127.0.0.1:${proxyPort}): check the network, or the proxy in HTTPS_PROXY`,
    );
  }, 120_000);

  it('preview --dry-run: everything offline, then stops before WeChat', () => {
    const run = runDeployScript('preview', ['--weapp-dir', stamped, '--dry-run'], { config });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n').pop()).toBe('✓ dry run: stopped before the preview to WeChat');
  }, 120_000);
});
