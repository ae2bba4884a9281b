/** The HTTP the v3 gateway needs, as an injectable `fetch` subset, and a node:http(s) client that Node 16 can run. */
import http from 'node:http';
import https from 'node:https';

export interface FetchRequestInit {
  method: string;
  headers: Record<string, string>;
  body?: string;
}

export interface FetchResponseLike {
  status: number;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** What the gateway calls; the global `fetch` fits, and so does the sandbox's in-process adapter. */
export type FetchLike = (url: string, init: FetchRequestInit) => Promise<FetchResponseLike>;

/**
 * Cloud functions run on Node 16, which has no global `fetch`, so the gateway falls back to this. A timeout
 * turns a hung connection into an error the gateway reports as UNAVAILABLE instead of the function's time limit.
 */
/**
 * How long one WeChat Pay request may take. Shorter than any function's timeout with room for two requests
 * (query, then close), so a slow WeChat Pay fails the request, not the whole invocation.
 */
export const WECHATPAY_HTTP_TIMEOUT_MS = 4_000;

export function createNodeFetch(timeoutMs = WECHATPAY_HTTP_TIMEOUT_MS): FetchLike {
  return (url, init) =>
    new Promise((resolve, reject) => {
      const target = new URL(url);
      const transport = target.protocol === 'https:' ? https : http;
      const request = transport.request(
        target,
        {
          method: init.method,
          headers: {
            ...init.headers,
            ...(init.body !== undefined ? { 'content-length': String(Buffer.byteLength(init.body)) } : {}),
          },
          timeout: timeoutMs,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () => {
            const text = Buffer.concat(chunks).toString('utf8');
            resolve({
              status: response.statusCode ?? 0,
              headers: {
                get(name) {
                  const value = response.headers[name.toLowerCase()];
                  if (value === undefined) return null;
                  return Array.isArray(value) ? value.join(', ') : value;
                },
              },
              text: async () => text,
            });
          });
        },
      );
      request.on('timeout', () => request.destroy(new Error(`request timed out after ${timeoutMs} ms`)));
      request.on('error', reject);
      if (init.body !== undefined) request.write(init.body);
      request.end();
    });
}

/**
 * The same client on Node 16 in the cloud and Node 20 locally, rather than the platform `fetch` where it exists:
 * one code path to trust, with the timeout above (the platform `fetch` has none by default).
 */
export function defaultFetch(): FetchLike {
  return createNodeFetch();
}
