/** The request and answer shapes the sandbox's handlers take and give, independent of the HTTP server mounting them. */

export interface SandboxRequest {
  method: string;
  /** The request target exactly as received (path and query): v3 signatures cover it byte for byte. */
  path: string;
  headers: Readonly<Record<string, string | readonly string[] | undefined>>;
  body: Buffer;
}

export interface SandboxResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

export function jsonResponse(
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): SandboxResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', ...headers },
    body: Buffer.from(JSON.stringify(value), 'utf8'),
  };
}

/** Splits the request target; the query is decoded, the path segments are left for each route to decode. */
export function splitTarget(target: string): { pathname: string; query: URLSearchParams } {
  const index = target.indexOf('?');
  return index < 0
    ? { pathname: target, query: new URLSearchParams() }
    : { pathname: target.slice(0, index), query: new URLSearchParams(target.slice(index + 1)) };
}

export function parseJsonBody(body: Buffer): Record<string, unknown> | undefined {
  if (body.length === 0) return undefined;
  try {
    const value: unknown = JSON.parse(body.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}
