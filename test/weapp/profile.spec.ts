/**
 * 个人资料 and 我的 on the real functions: the avatar WeChat's chooseAvatar gives is uploaded to the local cloud's
 * storage under avatars/ and saved with the nickname by profile.update; 我的 then shows both. An empty nickname is
 * refused on the page and nothing is sent; saving the nickname again keeps the avatar.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { propertyOf, settle, textOf, tap, type RenderedPage } from './harness';
import { callsOf } from './orders-on-cloud';
import { shopWithBuyerPerTest } from './shop-per-file';

const { cloud, harness, buyer } = shopWithBuyerPerTest('weapp-profile-buyer');
let pictureDir: string;

beforeAll(() => {
  pictureDir = fs.mkdtempSync(path.join(os.tmpdir(), 'avatar-'));
});
afterAll(() => fs.rmSync(pictureDir, { recursive: true, force: true }));

/** What WeChat's chooseAvatar hands the page: a temporary file of the chosen picture. */
function chosenPicture(name: string): string {
  const file = path.join(pictureDir, name);
  fs.writeFileSync(file, Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'));
  return file;
}

async function event(page: RenderedPage, selector: string, name: string, detail: object): Promise<void> {
  const node = page.querySelector(selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  node.dispatchEvent(name, { detail });
  await settle();
  await harness.idle();
}

test('the chosen avatar is uploaded under avatars/ and saved with the nickname; 我的 shows both', async () => {
  const page = await harness.renderPage('package-user/profile/index');
  await harness.idle();
  await event(page, '#profile-avatar', 'chooseavatar', { avatarUrl: chosenPicture('tmp-avatar.jpg') });
  expect(page.querySelector('#profile-avatar-image')).toBeTruthy();
  await event(page, '#profile-nickname', 'input', { value: '  小鹿爱逛街 ' });
  await tap(page, '#profile-save');
  await harness.idle();

  expect(harness.uploads).toHaveLength(1);
  expect(harness.uploads[0]).toMatch(/^avatars\/[0-9a-z]+-[0-9a-z]{6}\.jpg$/);
  const saved = await cloud.ok(buyer(), 'profile.get', {});
  expect(saved.nickname).toBe('小鹿爱逛街');
  expect(saved.avatar).toMatch(/^cloud:\/\/[^/]+\/avatars\/.+\.jpg$/);
  expect(harness.toasts).toContain('已保存');

  const me = await harness.renderPage('pages/me/index');
  await harness.idle();
  expect(textOf(me)).toContain('小鹿爱逛街');
  expect(textOf(me)).not.toContain('微信用户');
  expect(propertyOf(me, 'me-avatar', 'src')).toBe(saved.avatar);
  await tap(me, '#me-profile');
  expect(harness.navigations).toContain('/package-user/profile/index');
});

test('an empty nickname is refused on the page and nothing is sent', async () => {
  const page = await harness.renderPage('package-user/profile/index');
  await harness.idle();
  await event(page, '#profile-nickname', 'input', { value: '   ' });
  await tap(page, '#profile-save');
  await harness.idle();
  expect(harness.toasts).toContain('请填写昵称');
  expect(callsOf(harness.cloudCalls, 'profile.update')).toHaveLength(0);
  expect(await cloud.ok(buyer(), 'profile.get', {})).toEqual({ nickname: '' });
});

test('changing only the nickname keeps the saved avatar and uploads nothing', async () => {
  const first = await harness.renderPage('package-user/profile/index');
  await harness.idle();
  await event(first, '#profile-avatar', 'chooseavatar', { avatarUrl: chosenPicture('first.png') });
  await event(first, '#profile-nickname', 'input', { value: '第一个名字' });
  await tap(first, '#profile-save');
  await harness.idle();
  const { avatar } = await cloud.ok(buyer(), 'profile.get', {});
  expect(avatar).toBeDefined();
  const uploadsBefore = harness.uploads.length;

  const again = await harness.renderPage('package-user/profile/index');
  await harness.idle();
  expect(again.querySelector('#profile-avatar-image')).toBeTruthy();
  await event(again, '#profile-nickname', 'input', { value: '第二个名字' });
  await tap(again, '#profile-save');
  await harness.idle();
  expect(harness.uploads).toHaveLength(uploadsBefore);
  expect(await cloud.ok(buyer(), 'profile.get', {})).toEqual({ nickname: '第二个名字', avatar });
});
