/**
 * Static files of the local cloud: the H5 shop (with index.html for any page path, so browser routing works)
 * and the product images that stand in for cloud storage.
 */
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

export interface StaticOptions {
  /** Answer index.html for a path that names no file and no file extension (a page of the app). */
  appFallback?: boolean;
  cacheControl?: string;
}

/**
 * Serves `relativePath` from `root`. Answers false when there is nothing to serve, so the caller decides the
 * 404; a path escaping the root is treated as not found.
 */
export async function serveStatic(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  root: string,
  relativePath: string,
  options: StaticOptions = {},
): Promise<boolean> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return false;
  let decoded: string;
  try {
    decoded = decodeURIComponent(relativePath);
  } catch {
    return false;
  }
  const base = path.resolve(root);
  let file = path.resolve(base, `.${path.posix.normalize(`/${decoded}`)}`);
  if (file !== base && !file.startsWith(base + path.sep)) return false;
  let stat = await statOrUndefined(file);
  if (stat?.isDirectory()) {
    file = path.join(file, 'index.html');
    stat = await statOrUndefined(file);
  }
  if (!stat?.isFile()) {
    if (!options.appFallback || path.extname(decoded) !== '') return false;
    file = path.join(base, 'index.html');
    stat = await statOrUndefined(file);
    if (!stat?.isFile()) return false;
  }
  const isPage = file.endsWith('.html');
  const lastModified = stat.mtime.toUTCString();
  const headers: Record<string, string | number> = {
    'content-type': contentTypeOf(file),
    'last-modified': lastModified,
    // Pages are revalidated so a rebuild shows at once; built assets carry hashes in their names.
    'cache-control': isPage ? 'no-cache' : (options.cacheControl ?? 'no-cache'),
  };
  if (req.headers['if-modified-since'] === lastModified) {
    res.writeHead(304, headers);
    res.end();
    return true;
  }
  headers['content-length'] = stat.size;
  res.writeHead(200, headers);
  if (req.method === 'HEAD') {
    res.end();
    return true;
  }
  await new Promise<void>((resolve, reject) => {
    const stream = fs.createReadStream(file);
    stream.on('error', reject);
    res.on('close', () => {
      stream.destroy();
      resolve();
    });
    stream.pipe(res);
  });
  return true;
}

async function statOrUndefined(file: string): Promise<fs.Stats | undefined> {
  try {
    return await fs.promises.stat(file);
  } catch {
    return undefined;
  }
}
