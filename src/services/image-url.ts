/**
 * Where a product or category image is loaded from. The data holds paths like '/assets/products/p001-1.svg'
 * (served by the local cloud) or cloud:// file IDs, which Image shows directly in WeChat and the H5 build
 * reads from the local cloud's storage.
 */

const ABSOLUTE = /^(cloud:|https?:|data:|blob:|wxfile:)/i;
/** cloud://<env>.<bucket>/<path>: the H5 build reads the file where the local cloud serves its bucket. */
const CLOUD_FILE = /^cloud:\/\/[^./]+\.([^/]+)\/(.+)$/;

function assetsBase(): string {
  // H5 is served by the local cloud (same origin when the URL is ''); WeChat needs a full host it may reach.
  const base = process.env.TARO_ENV === 'h5' ? process.env.SHOP_CLOUD_URL : process.env.SHOP_ASSETS_URL;
  return (base ?? '').replace(/\/+$/, '');
}

export function imageUrl(path: string | undefined): string {
  if (!path) return '';
  const cloudFile = process.env.TARO_ENV === 'h5' ? CLOUD_FILE.exec(path) : null;
  if (cloudFile) return `${assetsBase()}/_/storage/${cloudFile[1]}/${cloudFile[2]}`;
  if (ABSOLUTE.test(path)) return path;
  return `${assetsBase()}${path.startsWith('/') ? path : `/${path}`}`;
}
