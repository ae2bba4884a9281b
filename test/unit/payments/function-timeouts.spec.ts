/**
 * A WeChat Pay request must time out before the function that makes it: each function's config.json timeout
 * leaves room for two requests (query, then close or refund) and the rest of its work.
 */
import fs from 'node:fs';
import path from 'node:path';
import { WECHATPAY_HTTP_TIMEOUT_MS } from '../../../cloudfunctions/common/payments/http-fetch';

const FUNCTIONS = path.resolve(__dirname, '../../../cloudfunctions');
const names = fs
  .readdirSync(FUNCTIONS)
  .filter((name) => fs.existsSync(path.join(FUNCTIONS, name, 'config.json')));

describe('function timeouts against the WeChat Pay HTTP timeout', () => {
  it('finds the functions', () => {
    expect(names).toEqual(expect.arrayContaining(['shop', 'admin', 'worker', 'payNotify', 'payCallback']));
  });

  it.each(names)('%s outlasts two WeChat Pay requests with a second to spare', (name) => {
    const config = JSON.parse(fs.readFileSync(path.join(FUNCTIONS, name, 'config.json'), 'utf8')) as {
      timeout: number;
    };
    expect(config.timeout * 1000).toBeGreaterThanOrEqual(2 * WECHATPAY_HTTP_TIMEOUT_MS + 1000);
  });
});
