/** Reading requests and writing answers for the local cloud's routes. */
import type http from 'node:http';

/** Larger than any event or payment notification; a runaway client gets 413 instead of eating memory. */
const DEFAULT_BODY_LIMIT_BYTES = 20 * 1024 * 1024;

export class PayloadTooLargeError extends Error {}

/**
 * The request body, at most `limitBytes` of it. Over the limit, 'reject' fails with PayloadTooLargeError;
 * 'truncate' reads the rest without keeping it and answers the first `limitBytes`, for a route that answers
 * oversized bodies itself.
 */
export function readBody(
  req: http.IncomingMessage,
  limitBytes = DEFAULT_BODY_LIMIT_BYTES,
  overLimit: 'reject' | 'truncate' = 'reject',
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let rejected = false;
    req.on('data', (chunk: Buffer) => {
      // Past the limit the rest is read and dropped, so the connection can still carry the answer.
      if (rejected || size >= limitBytes) return;
      size += chunk.length;
      if (size <= limitBytes) {
        chunks.push(chunk);
      } else if (overLimit === 'reject') {
        rejected = true;
        chunks.length = 0;
        reject(new PayloadTooLargeError(`request body over ${limitBytes} bytes`));
      } else {
        chunks.push(chunk.subarray(0, chunk.length - (size - limitBytes)));
        size = limitBytes;
      }
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body ?? null);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

/** The caller's address without the IPv4-mapped prefix, as WX_CLIENTIP carries it. */
export function clientAddress(req: http.IncomingMessage): { ipv4?: string; ipv6?: string } {
  const address = req.socket.remoteAddress ?? '';
  if (address.startsWith('::ffff:')) return { ipv4: address.slice('::ffff:'.length) };
  if (address.includes(':')) return { ipv6: address };
  return address ? { ipv4: address } : {};
}

export function headerValue(req: http.IncomingMessage, name: string): string | undefined {
  const value = req.headers[name];
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text === '' ? undefined : text;
}
