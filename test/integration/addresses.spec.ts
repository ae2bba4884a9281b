/**
 * The address book on the real functions: choosing the default address, and the size limit of the book.
 */
import { MAX_ADDRESSES } from '../../cloudfunctions/common/domain/address-rules';
import { buyableProduct, startShopCloud, TEST_ADDRESS, type ShopCloud } from './shop-cloud';

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

describe('the address book under 20 parallel calls', () => {
  // Every instance the runtime allows is started first, so the 20 calls really run side by side.
  beforeAll(async () => {
    const idle = shop.buyer('address-race-warm-up');
    await Promise.all(Array.from({ length: 20 }, () => idle.ok('address.list', {})));
  });
  const book = (buyer: ReturnType<ShopCloud['buyer']>) => buyer.ok('address.list', {});
  const addMany = (buyer: ReturnType<ShopCloud['buyer']>, count: number, isDefault: boolean) =>
    Promise.all(
      Array.from({ length: count }, (_, i) =>
        buyer.call('address.add', { ...TEST_ADDRESS, detail: `并发路 ${i + 1} 号`, isDefault }),
      ),
    );

  test(`adds racing for the last free places stop at ${MAX_ADDRESSES}; the rest are refused with ADDRESS_LIMIT`, async () => {
    const buyer = shop.buyer('address-race-limit');
    for (let i = 0; i < MAX_ADDRESSES - 1; i += 1)
      await buyer.ok('address.add', { ...TEST_ADDRESS, detail: `文三路 ${i + 1} 号`, isDefault: false });
    const answers = await addMany(buyer, 20, false);
    expect(answers.filter((a) => a.ok)).toHaveLength(1);
    expect(answers.filter((a) => !a.ok && a.code === 'ADDRESS_LIMIT')).toHaveLength(19);
    expect((await book(buyer)).addresses).toHaveLength(MAX_ADDRESSES);
    const stored = await shop.db.collection('addresses').where({ openid: buyer.openid }).limit(100).get();
    expect(stored.data).toHaveLength(MAX_ADDRESSES);
  });

  test('20 parallel adds into an empty book all succeed with distinct ids', async () => {
    const buyer = shop.buyer('address-race-empty');
    const answers = await addMany(buyer, 20, false);
    expect(answers.every((a) => a.ok)).toBe(true);
    const listed = (await book(buyer)).addresses;
    expect(new Set(listed.map((a) => a._id)).size).toBe(20);
    expect(defaults({ addresses: listed })).toHaveLength(1);
  });

  test('20 parallel adds with isDefault leave exactly one default, one of them', async () => {
    const buyer = shop.buyer('address-race-add-default');
    await buyer.ok('address.add', { ...TEST_ADDRESS, detail: '原来的默认', isDefault: true });
    const answers = await addMany(buyer, 19, true);
    expect(answers.every((a) => a.ok)).toBe(true);
    const listed = await book(buyer);
    const [chosen] = defaults(listed);
    expect(defaults(listed)).toHaveLength(1);
    expect(answers.map((a) => (a.ok ? a.data._id : ''))).toContain(chosen);
  });

  test('20 parallel setDefault calls, and a delete of the default racing them, leave exactly one default', async () => {
    const buyer = shop.buyer('address-race-set-default');
    for (let i = 0; i < MAX_ADDRESSES; i += 1)
      await buyer.ok('address.add', { ...TEST_ADDRESS, detail: `文三路 ${i + 1} 号`, isDefault: i === 0 });
    const ids = (await book(buyer)).addresses.map((a) => a._id);
    const [first] = defaults(await book(buyer));
    const answers = await Promise.all([
      buyer.call('address.remove', { addressId: first }),
      ...ids.filter((id) => id !== first).map((addressId) => buyer.call('address.setDefault', { addressId })),
    ]);
    expect(answers.every((a) => a.ok)).toBe(true);
    const listed = await book(buyer);
    expect(listed.addresses).toHaveLength(MAX_ADDRESSES - 1);
    expect(defaults(listed)).toHaveLength(1);
    expect(defaults(listed)[0]).not.toBe(first);
    // Checkout starts from the same default the book shows.
    const { product, skus } = buyableProduct(1, 1);
    const quote = await buyer.ok('checkout.quote', {
      items: [{ productId: product._id, skuId: skus[0]._id, quantity: 1 }],
    });
    expect(quote.address?._id).toBe(defaults(listed)[0]);
  });

  test('removing the default makes another address the default without a second write', async () => {
    const buyer = shop.buyer('address-remove-default');
    const home = await buyer.ok('address.add', TEST_ADDRESS);
    const office = await buyer.ok('address.add', { ...TEST_ADDRESS, detail: '公司', isDefault: false });
    const after = await buyer.ok('address.remove', { addressId: home._id });
    expect(defaults(after)).toEqual([office._id]);
    expect(await buyer.call('address.remove', { addressId: home._id })).toMatchObject({
      ok: false,
      code: 'ADDRESS_NOT_FOUND',
    });
  });
});

test('regions are checked against China’s divisions: made-up or mismatched ones are refused and nothing is stored', async () => {
  const buyer = shop.buyer('address-regions');
  for (const region of [
    { province: 'constructor', city: '杭州市', district: '西湖区' },
    { province: '__proto__', city: 'toString', district: 'valueOf' },
    { province: '浙江省', city: '宁波市', district: '西湖区' },
    { province: '火星省', city: '杭州市', district: '西湖区' },
  ]) {
    expect(await buyer.call('address.add', { ...TEST_ADDRESS, ...region })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  }
  expect((await buyer.ok('address.list', {})).addresses).toEqual([]);
  const added = await buyer.ok('address.add', {
    ...TEST_ADDRESS,
    province: '广东省',
    city: '广州市',
    district: '海珠区',
  });
  expect(
    await buyer.call('address.update', { ...TEST_ADDRESS, addressId: added._id, district: '朝阳区' }),
  ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect((await buyer.ok('address.list', {})).addresses[0]).toMatchObject({ district: '海珠区' });
});
