/** miniprogram-ci's failures, in each shape it throws them, become one line that says what to do. */
import { describeCiError } from '../../../scripts/deploy/ci-errors';

const context = { step: 'upload', appid: 'wx0123456789abcdef', envId: 'shop-prod-1a2b3c' };

describe('describeCiError', () => {
  it.each([
    [new Error('Error: getaddrinfo ENOTFOUND servicewechat.com'), 'ENOTFOUND servicewechat.com'],
    [
      new Error('tunneling socket could not be established, cause=connect ECONNREFUSED 127.0.0.1:9'),
      'ECONNREFUSED 127.0.0.1:9',
    ],
    [new Error('connect ETIMEDOUT 203.205.1.1:443'), 'ETIMEDOUT 203.205.1.1:443'],
    [Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }), 'socket hang up'],
  ])('an unreachable server: %s', (error, detail) => {
    expect(describeCiError(error, context)).toBe(
      `upload: cannot reach WeChat's servers (${detail}): check the network, or the proxy in HTTPS_PROXY`,
    );
  });

  it('the IP whitelist of the upload key', () => {
    const error = {
      errCode: -10008,
      errMsg: 'invalid ip: 1.2.3.4, reference: https://developers.weixin.qq.com/',
    };
    expect(describeCiError(error, context)).toMatch(
      /^upload: WeChat refused this machine's IP address 1\.2\.3\.4: add it to the upload key's IP whitelist/,
    );
  });

  it('a cloud environment that is not this AppID’s', () => {
    expect(describeCiError(new Error('env not found'), context)).toContain(
      'cloud environment "shop-prod-1a2b3c" not found for AppID wx0123456789abcdef',
    );
  });

  it('a key miniprogram-ci cannot sign with', () => {
    const text =
      'generate local signature fail. Usually this happens the content or encoding of private key file is incorrect.';
    expect(describeCiError(text, context)).toMatch(
      /^upload: the upload key was refused .*ciPrivateKeyPath must be the key downloaded for AppID wx0123456789abcdef$/,
    );
  });

  it('anything else: WeChat’s own words, first line only, without "Error:" prefixes or stack frames', () => {
    const error = new Error(
      'Error: {"errCode":-80011,"errMsg":"code package too large"}\n    at upload (x.js:1:1)',
    );
    const line = describeCiError(error, context);
    expect(line).toBe('upload failed: {"errCode":-80011,"errMsg":"code package too large"}');
    expect(describeCiError('x'.repeat(1000), context).length).toBeLessThan(300);
  });
});
