/** Static serving: the H5 build with index.html for page paths, and /assets standing in for cloud storage. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startTestCloud, type TestCloud } from './runtime-fixture-cloud';

describe('static files', () => {
  let test: TestCloud;
  let site: string;

  beforeAll(async () => {
    site = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-static-'));
    fs.mkdirSync(path.join(site, 'h5', 'js'), { recursive: true });
    fs.mkdirSync(path.join(site, 'assets', 'products'), { recursive: true });
    fs.writeFileSync(path.join(site, 'h5', 'index.html'), '<!doctype html><title>shop</title>');
    fs.writeFileSync(path.join(site, 'h5', 'js', 'app.3f2a.js'), 'console.log(1)');
    fs.writeFileSync(path.join(site, 'assets', 'products', 'tea.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    fs.writeFileSync(path.join(site, 'secret.txt'), 'not served');
    test = await startTestCloud({ staticDir: path.join(site, 'h5'), assetsDir: path.join(site, 'assets') });
  });
  afterAll(async () => {
    await test.stop();
    fs.rmSync(site, { recursive: true, force: true });
  });

  it('serves files with their content type', async () => {
    const script = await fetch(`${test.cloud.url}/js/app.3f2a.js`);
    expect(script.status).toBe(200);
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(await script.text()).toBe('console.log(1)');
    const page = await fetch(`${test.cloud.url}/`);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
  });

  it('answers index.html for a page path, and 404 for a missing file', async () => {
    const page = await fetch(`${test.cloud.url}/pages/product/index`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<title>shop</title>');
    expect((await fetch(`${test.cloud.url}/js/missing.js`)).status).toBe(404);
  });

  it('serves /assets and nothing outside its folders', async () => {
    const image = await fetch(`${test.cloud.url}/assets/products/tea.png`);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/png');
    expect((await fetch(`${test.cloud.url}/assets/products/none.png`)).status).toBe(404);
    expect((await fetch(`${test.cloud.url}/assets/..%2Fsecret.txt`)).status).toBe(404);
    expect(await (await fetch(`${test.cloud.url}/..%2Fsecret.txt`)).text()).not.toContain('not served');
  });
});
