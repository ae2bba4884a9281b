/**
 * The buyer's profile on the local cloud: the avatar uploaded to this environment's storage as the mini program
 * does and the nickname saved by profile.update, read back by profile.get; a nickname too long or empty, or an
 * avatar that is not a file of this environment's storage under avatars/, is INVALID_INPUT and nothing changes.
 */
import { NICKNAME_MAX_LENGTH } from '../../types';
import { startShopCloud, type ShopCloud } from './shop-cloud';

let shop: ShopCloud;

beforeAll(async () => {
  shop = await startShopCloud();
});
afterAll(() => shop.close());

async function upload(openid: string, cloudPath: string): Promise<string> {
  const response = await fetch(
    `${shop.cloud.url}/_/storage/upload?cloudPath=${encodeURIComponent(cloudPath)}`,
    {
      method: 'POST',
      headers: { 'x-wx-openid': openid },
      body: new Uint8Array([0x89, 0x50, 0x4e, 0x47]),
    },
  );
  const answer = (await response.json()) as { fileID?: string };
  if (!answer.fileID) throw new Error(`upload of ${cloudPath} failed: ${JSON.stringify(answer)}`);
  return answer.fileID;
}

test('a new buyer has an empty profile; the uploaded avatar and the nickname are saved and read back', async () => {
  const buyer = shop.buyer('profile-buyer');
  expect(await buyer.ok('profile.get', {})).toEqual({ nickname: '' });
  const avatar = await upload(buyer.openid, 'avatars/profile-buyer-1.png');
  expect(await buyer.ok('profile.update', { nickname: '  小明爱购物 ', avatar })).toEqual({
    nickname: '小明爱购物',
    avatar,
  });
  expect(await buyer.ok('profile.get', {})).toEqual({ nickname: '小明爱购物', avatar });
  // Another buyer's profile is their own.
  expect(await shop.buyer('profile-someone-else').ok('profile.get', {})).toEqual({ nickname: '' });
  // Saving the nickname alone drops nothing it was not given: the avatar goes with the whole profile.
  expect(await buyer.ok('profile.update', { nickname: '小明' })).toEqual({ nickname: '小明' });
});

test('bad input is INVALID_INPUT and changes nothing', async () => {
  const buyer = shop.buyer('profile-refused');
  const avatar = await upload(buyer.openid, 'avatars/profile-refused.png');
  await buyer.ok('profile.update', { nickname: '原来的名字', avatar });
  const elsewhere = await upload(buyer.openid, 'after-sales/photo.png');
  const otherEnv = avatar.replace(/^cloud:\/\/[^.]+\./, 'cloud://another-env.');
  const refused = [
    { nickname: 'あ'.repeat(NICKNAME_MAX_LENGTH + 1) },
    { nickname: '   ' },
    { nickname: '换行\n名字' },
    { nickname: '小明', avatar: otherEnv },
    { nickname: '小明', avatar: elsewhere },
    { nickname: '小明', avatar: 'https://example.com/a.png' },
    { nickname: '小明', openid: 'someone' },
  ];
  for (const request of refused) {
    expect(await buyer.call('profile.update', request as never)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  }
  expect(await buyer.ok('profile.get', {})).toEqual({ nickname: '原来的名字', avatar });
  // Exactly the limit is fine.
  const longest = '名'.repeat(NICKNAME_MAX_LENGTH);
  expect(await buyer.ok('profile.update', { nickname: longest })).toEqual({ nickname: longest });
});
