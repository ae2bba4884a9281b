/**
 * Deployment configurations for the deploy tests: a temporary folder with real keys made by node:crypto, a
 * valid configuration per payment mode to break one field at a time, and a runner for the deploy scripts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '..', '..', '..');

/** The API key pair of the test configurations (the format of Tencent Cloud's documentation examples). */
export const TEST_API_KEY = {
  secretId: 'AKIDz8krbsJ5yKBZQpn74WFkmLPx3EXAMPLE',
  secretKey: 'Gu5t9xGARNpq86cd98joQYCN3EXAMPLE',
};

export interface ConfigFixture {
  dir: string;
  /** Absolute paths of the key files written. */
  keys: { ci: string; merchant: string; wechatpayPublic: string; tencentCloud: string };
  /** A complete wechatpay-v3 configuration (paths relative to `dir`). */
  v3(): Record<string, unknown>;
  /** A complete cloudpay configuration. */
  cloudpay(): Record<string, unknown>;
  /** Writes `raw` as a configuration file in `dir` and answers its path. */
  write(raw: unknown, name?: string): string;
  remove(): void;
}

export function makeConfigFixture(): ConfigFixture {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-deploy-'));
  fs.mkdirSync(path.join(dir, 'secrets'));
  const keys = {
    ci: path.join(dir, 'secrets', 'private.wx0123456789abcdef.key'),
    merchant: path.join(dir, 'secrets', 'apiclient_key.pem'),
    wechatpayPublic: path.join(dir, 'secrets', 'pub_key.pem'),
    tencentCloud: path.join(dir, 'secrets', 'tencentcloud-api-key.json'),
  };
  fs.writeFileSync(keys.tencentCloud, JSON.stringify(TEST_API_KEY));
  const ci = generateKeyPairSync('rsa', { modulusLength: 2048 });
  // The upload key WeChat hands out is a PKCS#1 "RSA PRIVATE KEY"; the merchant key a PKCS#8 one.
  fs.writeFileSync(keys.ci, ci.privateKey.export({ type: 'pkcs1', format: 'pem' }));
  const merchant = generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(keys.merchant, merchant.privateKey.export({ type: 'pkcs8', format: 'pem' }));
  const wechatpay = generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(keys.wechatpayPublic, wechatpay.publicKey.export({ type: 'spki', format: 'pem' }));

  const base = () => ({
    appid: 'wx0123456789abcdef',
    envId: 'shop-prod-1a2b3c',
    ciPrivateKeyPath: 'secrets/private.wx0123456789abcdef.key',
    tencentCloudKeyPath: 'secrets/tencentcloud-api-key.json',
    robot: 2,
    adminOpenids: ['oAbCdEfGhIjKlMnOpQrStUvWxYz0'],
    orderExpiryMinutes: 20,
    shippingRule: { baseFee: 800, regionExtra: { 西藏自治区: 2000 } },
  });
  return {
    dir,
    keys,
    v3: () => ({
      ...base(),
      payment: {
        mode: 'wechatpay-v3',
        mchid: '1900000109',
        merchantSerialNo: '5157F09EFDC096DE15EBE81A47057A7232F1B8E1',
        merchantPrivateKeyPath: 'secrets/apiclient_key.pem',
        apiV3Key: 'a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6',
        wechatpayPublicKeyId: 'PUB_KEY_ID_0114232134912410000000000000',
        wechatpayPublicKeyPath: 'secrets/pub_key.pem',
        notifyUrl: 'https://shop-prod-1a2b3c.service.tcloudbase.com/payNotify',
      },
    }),
    cloudpay: () => ({ ...base(), payment: { mode: 'cloudpay', subMchId: '1900000109' } }),
    write: (raw, name = 'shop.config.local.json') => {
      const file = path.join(dir, name);
      fs.writeFileSync(file, typeof raw === 'string' ? raw : JSON.stringify(raw, null, 2));
      return file;
    },
    remove: () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

/** Copies `raw` and sets (or, with undefined, deletes) the value at a dotted path such as "payment.mchid". */
export function withField(
  raw: Record<string, unknown>,
  field: string,
  value: unknown,
): Record<string, unknown> {
  const copy = JSON.parse(JSON.stringify(raw)) as Record<string, unknown>;
  const parts = field.split('.');
  let target = copy;
  for (const part of parts.slice(0, -1)) {
    target[part] ??= {};
    target = target[part] as Record<string, unknown>;
  }
  const last = parts[parts.length - 1];
  if (value === undefined) delete target[last];
  else target[last] = value;
  return copy;
}

export interface ScriptRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** A port nothing listens on: the proxy the scripts are pointed at, so WeChat is unreachable on any network. */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Runs scripts/deploy/<script>.ts as `npm run` would, with the given configuration and proxy. */
export function runDeployScript(
  script: string,
  args: readonly string[],
  options: { config: string; proxyPort?: number },
): ScriptRun {
  const proxy =
    options.proxyPort === undefined ? {} : { HTTPS_PROXY: `http://127.0.0.1:${options.proxyPort}` };
  const result = spawnSync(
    path.join(ROOT, 'node_modules', '.bin', 'tsx'),
    [path.join('scripts', 'deploy', `${script}.ts`), ...args],
    {
      cwd: ROOT,
      encoding: 'utf8',
      timeout: 120_000,
      env: {
        ...process.env,
        SHOP_CONFIG: options.config,
        FORCE_COLOR: '0',
        NO_PROXY: '',
        no_proxy: '',
        TENCENTCLOUD_SECRETID: '',
        TENCENTCLOUD_SECRETKEY: '',
        ...proxy,
      },
    },
  );
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** The last line a failed command wrote to stderr. */
export function lastErrorLine(run: ScriptRun): string {
  return run.stderr.trim().split('\n').pop() ?? '';
}

/** Runs a deploy script without blocking this process, so a server in it (the fake cloud) can answer. */
export function runDeployScriptAsync(
  script: string,
  args: readonly string[],
  options: { config: string; env?: Record<string, string> },
): Promise<ScriptRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      path.join(ROOT, 'node_modules', '.bin', 'tsx'),
      [path.join('scripts', 'deploy', `${script}.ts`), ...args],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          SHOP_CONFIG: options.config,
          FORCE_COLOR: '0',
          NO_PROXY: '',
          no_proxy: '',
          TENCENTCLOUD_SECRETID: '',
          TENCENTCLOUD_SECRETKEY: '',
          ...options.env,
        },
      },
    );
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}
