/**
 * Where a product or category image is loaded from. The data holds paths like '/assets/products/p001-1.svg'
 * (served by the local cloud) or, once deployed, cloud:// file IDs that Image shows directly.
 */

const ABSOLUTE = /^(cloud:|https?:|data:|blob:|wxfile:)/i;

function assetsBase(): string {
  // H5 is served by the local cloud (same origin when the URL is ''); WeChat needs a full host it may reach.
  const base = process.env.TARO_ENV === 'h5' ? process.env.SHOP_CLOUD_URL : process.env.SHOP_ASSETS_URL;
  return (base ?? '').replace(/\/+$/, '');
}

export function imageUrl(path: string | undefined): string {
  if (!path) return '';
  if (ABSOLUTE.test(path)) return path;
  return `${assetsBase()}${path.startsWith('/') ? path : `/${path}`}`;
}
