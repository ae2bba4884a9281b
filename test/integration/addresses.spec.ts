/**
 * The address book on the real functions: choosing the default address, and the size limit of the book.
 */
import { MAX_ADDRESSES } from '../../cloudfunctions/common/domain/address-rules';
import { startShopCloud, TEST_ADDRESS, type ShopCloud } from './shop-cloud';

let shop: ShopCloud;

beforeAll(async () => {
  shop = await startShopCloud();
});
afterAll(() => shop.close());

const defaults = (book: { addresses: { _id: string; isDefault: boolean }[] }) =>
  book.addresses.filter((a) => a.isDefault).map((a) => a._id);

test('address.setDefault makes one address the default and the previous one not, for its owner only', async () => {
  const buyer = shop.buyer('address-default-buyer');
  const home = await buyer.ok('address.add', TEST_ADDRESS);
  const office = await buyer.ok('address.add', { ...TEST_ADDRESS, name: '李华', isDefault: false });
  expect(defaults(await buyer.ok('address.list', {}))).toEqual([home._id]);

  const book = await buyer.ok('address.setDefault', { addressId: office._id });
  expect(defaults(book)).toEqual([office._id]);
  expect(defaults(await buyer.ok('address.list', {}))).toEqual([office._id]);

  // Someone else's address, or none at all, is not found, and nothing changes.
  const stranger = shop.buyer('address-default-stranger');
  expect(await stranger.call('address.setDefault', { addressId: home._id })).toMatchObject({
    ok: false,
    code: 'ADDRESS_NOT_FOUND',
  });
  expect(await buyer.call('address.setDefault', { addressId: 'no-such-address' })).toMatchObject({
    ok: false,
    code: 'ADDRESS_NOT_FOUND',
  });
  expect(await buyer.call('address.setDefault', {} as never)).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  });
  expect(defaults(await buyer.ok('address.list', {}))).toEqual([office._id]);
});

test(`a book of ${MAX_ADDRESSES} addresses refuses one more with ADDRESS_LIMIT and stays as it was`, async () => {
  const buyer = shop.buyer('address-limit-buyer');
  for (let i = 0; i < MAX_ADDRESSES; i += 1)
    await buyer.ok('address.add', { ...TEST_ADDRESS, detail: `文三路 ${i + 1} 号`, isDefault: i === 0 });
  expect(await buyer.call('address.add', { ...TEST_ADDRESS, detail: '多一个' })).toMatchObject({
    ok: false,
    code: 'ADDRESS_LIMIT',
  });
  const book = await buyer.ok('address.list', {});
  expect(book.addresses).toHaveLength(MAX_ADDRESSES);
  expect(book.addresses.map((a) => a.detail)).not.toContain('多一个');
  // Removing one makes room again.
  await buyer.ok('address.remove', { addressId: book.addresses[MAX_ADDRESSES - 1]._id });
  await buyer.ok('address.add', { ...TEST_ADDRESS, detail: '腾出的位置', isDefault: false });
  expect((await buyer.ok('address.list', {})).addresses).toHaveLength(MAX_ADDRESSES);
});
