/**
 * Where the Tencent Cloud API key pair comes from (environment first, else the configured file) and the one
 * line each wrong form gets, checked before any management call; and the one line a failed call becomes.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeployError } from '../../../scripts/deploy/cli';
import { describeCloudBaseError, resolveApiKeyPair } from '../../../scripts/deploy/cloudbase';
import { TEST_API_KEY } from './fixture';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-api-key-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function keyFile(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function problem(config: { tencentCloudKeyPath?: string }, env: Record<string, string> = {}): string {
  try {
    resolveApiKeyPair(config, env);
  } catch (error) {
    if (error instanceof DeployError) return error.message;
    throw error;
  }
  return 'accepted';
}

describe('resolveApiKeyPair', () => {
  it('reads the configured file', () => {
    const file = keyFile('good.json', JSON.stringify(TEST_API_KEY));
    expect(resolveApiKeyPair({ tencentCloudKeyPath: file }, {})).toEqual({ ...TEST_API_KEY, source: file });
  });

  it('prefers TENCENTCLOUD_SECRETID/SECRETKEY when both are set', () => {
    const env = {
      TENCENTCLOUD_SECRETID: 'AKIDabcdefghijklmnopqrstuvwxyz012345',
      TENCENTCLOUD_SECRETKEY: 'abcdefghijklmnopqrstuvwxyz012345',
    };
    expect(resolveApiKeyPair({ tencentCloudKeyPath: '/nowhere.json' }, env)).toEqual({
      secretId: env.TENCENTCLOUD_SECRETID,
      secretKey: env.TENCENTCLOUD_SECRETKEY,
      source: 'TENCENTCLOUD_SECRETID/TENCENTCLOUD_SECRETKEY',
    });
  });

  it('names what is wrong in one line', () => {
    expect(problem({})).toMatch(/^no Tencent Cloud API key: set tencentCloudKeyPath/);
    expect(problem({}, { TENCENTCLOUD_SECRETID: TEST_API_KEY.secretId })).toBe(
      'TENCENTCLOUD_SECRETKEY: is not set (set both or neither)',
    );
    const missing = path.join(dir, 'absent.json');
    expect(problem({ tencentCloudKeyPath: missing })).toBe(`tencentCloudKeyPath: file not found: ${missing}`);
    const broken = keyFile('broken.json', '{ "secretId": ');
    expect(problem({ tencentCloudKeyPath: broken })).toBe(`tencentCloudKeyPath: not valid JSON: ${broken}`);
    const swapped = keyFile(
      'swapped.json',
      JSON.stringify({ secretId: TEST_API_KEY.secretKey, secretKey: TEST_API_KEY.secretId }),
    );
    expect(problem({ tencentCloudKeyPath: swapped })).toBe(
      `tencentCloudKeyPath: secretId must be the SecretId ("AKID…") of a CAM API key (${swapped})`,
    );
  });
});

describe('describeCloudBaseError', () => {
  it('turns codes and network failures into one actionable line', () => {
    expect(
      describeCloudBaseError(
        'creating function shop',
        Object.assign(new Error('no'), { code: 'AuthFailure.SecretIdNotFound' }),
        'env-1',
      ),
    ).toBe(
      'creating function shop failed (AuthFailure.SecretIdNotFound): the SecretId does not exist: create an API key in CAM (docs/deploy.md, step 3)',
    );
    expect(
      describeCloudBaseError(
        'x',
        new Error(
          'request to https://scf.tencentcloudapi.com/ failed, reason: getaddrinfo ENOTFOUND scf.tencentcloudapi.com',
        ),
        'env-1',
      ),
    ).toBe("x: cannot reach Tencent Cloud's API (ENOTFOUND): check the network, or the proxy in HTTPS_PROXY");
    expect(describeCloudBaseError('x', new Error('Environment env-1 not found'), 'env-1')).toMatch(
      /^x: cloud environment "env-1" not found for this API key's account/,
    );
    expect(
      describeCloudBaseError(
        'x',
        Object.assign(new Error('line one\nline two'), { code: 'InternalError' }),
        'env-1',
      ),
    ).toBe('x failed (InternalError): line one');
  });
});
