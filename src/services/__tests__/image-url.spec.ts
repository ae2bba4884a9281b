/** Image addresses: seed asset paths and cloud storage file IDs, in WeChat and in the H5 build. */
import { imageUrl } from '../image-url';

const saved = { ...process.env };
afterEach(() => {
  process.env = { ...saved };
});

test('the H5 build reads cloud:// files from the local cloud’s bucket route', () => {
  process.env.TARO_ENV = 'h5';
  process.env.SHOP_CLOUD_URL = 'http://127.0.0.1:8080/';
  expect(imageUrl('cloud://local.6c6f-local-1300000000/products/new/1.png')).toBe(
    'http://127.0.0.1:8080/_/storage/6c6f-local-1300000000/products/new/1.png',
  );
  expect(imageUrl('/assets/products/p001-1.svg')).toBe('http://127.0.0.1:8080/assets/products/p001-1.svg');
});

test('WeChat gets cloud:// file IDs as they are: Image shows them itself', () => {
  process.env.TARO_ENV = 'weapp';
  const fileId = 'cloud://prod-1a2b.7072-prod-1a2b-1300000000/products/new/1.png';
  expect(imageUrl(fileId)).toBe(fileId);
});
