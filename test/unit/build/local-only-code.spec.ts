/** The check that keeps test buyers and the sandbox's payment sheet out of the WeChat build. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { findLocalOnlyCode } from '../../compiler/local-only-code';

function buildWith(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-weapp-'));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe('findLocalOnlyCode', () => {
  it('finds a test buyer id, and a test buyer name written raw or as \\u escapes', () => {
    const dir = buildWith({
      'common.js': 'var u=[{openid:"test-buyer-alice"}];',
      'pages/me/index.js': 'var n="\\u6d4b\\u8bd5\\u4e70\\u5bb6 \\u5c0f\\u827e";',
      'pages/me/index.wxml': '<text>测试买家</text>',
    });
    expect(findLocalOnlyCode(dir)).toEqual([
      'local-only code in common.js: "test-buyer-"',
      `local-only code in ${path.join('pages', 'me', 'index.js')}: "测试买家"`,
      `local-only code in ${path.join('pages', 'me', 'index.wxml')}: "测试买家"`,
    ]);
  });

  it("finds the sandbox payment sheet's routes", () => {
    const dir = buildWith({ 'vendors.js': 'fetch(base+"/_/paysandbox/pay")' });
    expect(findLocalOnlyCode(dir)).toEqual(['local-only code in vendors.js: "/_/paysandbox"']);
  });

  it('passes a build that has none of it', () => {
    const dir = buildWith({ 'app.js': 'wx.cloud.callFunction({name:"shop"})', 'app.json': '{"pages":[]}' });
    expect(findLocalOnlyCode(dir)).toEqual([]);
  });
});
