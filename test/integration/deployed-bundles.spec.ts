/**
 * What the deployed functions carry: the built bundles in dist/cloudfunctions hold none of the code that exists
 * only to play WeChat Pay's side locally (sealing and signing notifications, reading Authorization headers as
 * WeChat Pay does). Sandbox mode itself stays: it is plain API v3 pointed at the loopback, refused elsewhere.
 */
import fs from 'node:fs';
import path from 'node:path';

const FUNCTIONS_DIR = path.resolve(__dirname, '../../dist/cloudfunctions');

/** Helpers of common/payments that only a stand-in for WeChat Pay calls. */
const SANDBOX_ONLY = [
  'buildSignedNotification',
  'encryptResource',
  'encryptAes256Gcm',
  'signWechatpayBody',
  'parseAuthorization',
];

/** Declarations the bundle makes of sandbox-only helpers (esbuild keeps function names: minifySyntax only). */
function sandboxOnlyCodeIn(bundle: string): string[] {
  return SANDBOX_ONLY.filter((name) => new RegExp(`\\bfunction ${name}\\b`).test(bundle));
}

const bundles = fs
  .readdirSync(FUNCTIONS_DIR, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

describe('the deployed function bundles', () => {
  it('are there to check', () => {
    expect(bundles).toEqual(expect.arrayContaining(['shop', 'payNotify', 'payCallback', 'worker', 'admin']));
  });

  it.each(bundles)('%s carries no sandbox-only payment code', (name) => {
    const bundle = fs.readFileSync(path.join(FUNCTIONS_DIR, name, 'index.js'), 'utf8');
    // Names survive bundling; were they minified away this check would prove nothing, so it says so.
    expect(bundle).toMatch(/\bfunction createGateway\b/);
    expect(sandboxOnlyCodeIn(bundle)).toEqual([]);
  });

  it('would notice a sandbox-only helper that got in', () => {
    expect(sandboxOnlyCodeIn('function createGateway(){}\nfunction buildSignedNotification(n){}')).toEqual([
      'buildSignedNotification',
    ]);
  });
});
