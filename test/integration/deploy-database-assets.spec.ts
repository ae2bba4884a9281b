/**
 * `deploy:database` and `deploy:assets` up to the network: a dry run lists what would be applied, and an
 * unreachable Tencent Cloud ends the command with one line (the applied requests are in
 * test/unit/deploy/cloudbase-deploy.spec.ts).
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
  it('a dry run lists every collection with its rule and indexes', () => {
    const run = runDeployScript('database', ['--dry-run'], { config });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    for (const name of Object.values(COLLECTIONS)) {
      expect(run.stdout).toMatch(new RegExp(`^  ${name} +rule \\{"read":false,"write":false\\}$`, 'm'));
    }
    expect(run.stdout).toContain('index orderNo: 唯一; orderNo 升序');
    expect(run.stdout).toContain('Database of cloud environment shop-prod-1a2b3c');
  });

  it('fails with one line when Tencent Cloud cannot be reached', async () => {
    const proxyPort = await closedPort();
    const run = runDeployScript('database', [], { config, proxyPort });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      "✗ creating collection categories: cannot reach Tencent Cloud's API (ECONNREFUSED): check the network, or the proxy in HTTPS_PROXY",
    );
  });
});

describe('deploy:assets', () => {
  it('a dry run counts the images and where they go', () => {
    const run = runDeployScript('assets', ['--dry-run'], { config });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(
      /Images: \d+ files, \d+ KB in emulator\/seed\/images \(banners, categories, products\)/,
    );
    expect(run.stdout).toContain('cloud storage of shop-prod-1a2b3c, under assets/');
  });

  it('fails with one line when Tencent Cloud cannot be reached', async () => {
    const proxyPort = await closedPort();
    const run = runDeployScript('assets', [], { config, proxyPort });
    expect(run.status).toBe(1);
    expect(run.stderr.trim()).toBe(
      "✗ upload to cloud storage: cannot reach Tencent Cloud's API (ECONNREFUSED): check the network, or the proxy in HTTPS_PROXY",
    );
  });
});
