/**
 * `deploy:database` prints the console steps for every collection (it has no network step: WeChat offers no
 * API for it); `deploy:assets` lists the images in a dry run and fails with one line when WeChat is unreachable.
 */
import { COLLECTIONS } from '../../cloudfunctions/common/repositories/collections';
import { closedPort, makeConfigFixture, runDeployScript, type ConfigFixture } from '../unit/deploy/fixture';

let fixture: ConfigFixture;
let config: string;
beforeAll(() => {
  fixture = makeConfigFixture();
  config = fixture.write(fixture.cloudpay());
});
afterAll(() => fixture.remove());

describe('deploy:database', () => {
  it('prints create, rule and index steps for every collection', () => {
    const run = runDeployScript('database', [], { config });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const name of Object.values(COLLECTIONS)) {
      expect(run.stdout).toContain(`集合名称 "${name}"`);
      expect(run.stdout).toContain(`${name} → 数据权限 → 自定义安全规则 → {"read":false,"write":false}`);
    }
    expect(run.stdout).toContain('orders → 索引管理 → 添加索引 → orderNo: 唯一; orderNo 升序');
    expect(run.stdout).toContain('Database of cloud environment shop-prod-1a2b3c');
  });
});

describe('deploy:assets', () => {
  it('a dry run counts the images and where they go', () => {
    const run = runDeployScript('assets', ['--dry-run'], { config });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /Images: \d+ files, \d+ KB in emulator\/seed\/images \(categories, products\)/,
    );
    expect(run.stdout).toContain('cloud storage of shop-prod-1a2b3c, under assets/');
  });

  it('fails with one line when WeChat cannot be reached', async () => {
    const proxyPort = await closedPort();
    const run = runDeployScript('assets', [], { config, proxyPort });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      `✗ upload to cloud storage: cannot reach WeChat's servers (ECONNREFUSED 127.0.0.1:${proxyPort}): check the network, or the proxy in HTTPS_PROXY`,
    );
  });
});
