/**
 * HTTP access of functions (CloudBase's HTTP access service): a request becomes the "integration request"
 * event, and the function's answer becomes the HTTP response — an "integration response" object
 * ({ statusCode, headers, body, isBase64Encoded }) as given, a string or number as text/plain, anything else
 * as JSON.
 */
import type { IncomingHttpHeaders } from 'node:http';

export interface HttpAccessEvent {
  path: string;
  httpMethod: string;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  queryStringParameters: Record<string, string>;
  multiValueQueryStringParameters: Record<string, string[]>;
  requestContext: { requestId: string; envId: string; appId: number; uin: number };
  body: string;
  isBase64Encoded: boolean;
}

export interface HttpAccessRequest {
  method: string;
  url: URL;
  headers: IncomingHttpHeaders;
  body: Buffer;
  requestId: string;
  envId: string;
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[]>;
  body: Buffer;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function httpAccessEvent(request: HttpAccessRequest): HttpAccessEvent {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value === undefined) continue;
    const values = Array.isArray(value) ? value : [value];
    headers[name] = values.join(', ');
    multiValueHeaders[name] = values;
  }
  const queryStringParameters: Record<string, string> = {};
  const multiValueQueryStringParameters: Record<string, string[]> = {};
  for (const [name, value] of request.url.searchParams) {
    queryStringParameters[name] = value;
    (multiValueQueryStringParameters[name] ??= []).push(value);
  }
  const text = request.body.length === 0 ? '' : textOf(request.body, headers['content-type']);
  return {
    path: request.url.pathname,
    httpMethod: request.method,
    headers,
    multiValueHeaders,
    queryStringParameters,
    multiValueQueryStringParameters,
    requestContext: {
      requestId: request.requestId,
      envId: request.envId,
      appId: 1250000000,
      uin: 100000000001,
    },
    body: text ?? request.body.toString('base64'),
    isBase64Encoded: text === undefined,
  };
}

/** The body as text when it is text; undefined when it must travel as base64 (images, protobuf, ...). */
function textOf(body: Buffer, contentType: string | undefined): string | undefined {
  if (contentType && !isTextual(contentType)) return undefined;
  try {
    return utf8.decode(body);
  } catch {
    return undefined;
  }
}

function isTextual(contentType: string): boolean {
  const type = contentType.split(';', 1)[0].trim().toLowerCase();
  return (
    type.startsWith('text/') ||
    /^application\/(json|xml|javascript|x-www-form-urlencoded|graphql|[\w.-]+\+(json|xml))$/.test(type)
  );
}

/** The HTTP response for a function's result. */
export function httpAccessAnswer(result: unknown): HttpAnswer {
  if (isIntegrationResponse(result)) {
    const headers: Record<string, string | string[]> = {};
    for (const [name, value] of Object.entries(result.headers ?? {})) {
      if (value === undefined || value === null) continue;
      headers[name.toLowerCase()] = Array.isArray(value) ? value.map(String) : String(value);
    }
    const raw = result.body;
    const body =
      raw === undefined || raw === null
        ? Buffer.alloc(0)
        : typeof raw === 'string'
          ? Buffer.from(raw, result.isBase64Encoded ? 'base64' : 'utf8')
          : Buffer.from(JSON.stringify(raw));
    return { status: result.statusCode, headers, body };
  }
  if (typeof result === 'string' || typeof result === 'number') {
    return {
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      body: Buffer.from(String(result)),
    };
  }
  return {
    status: 200,
    headers: { 'content-type': 'application/json; charset=utf-8' },
    body: Buffer.from(JSON.stringify(result ?? null)),
  };
}

interface IntegrationResponse {
  statusCode: number;
  headers?: Record<string, unknown>;
  body?: unknown;
  isBase64Encoded?: boolean;
}

function isIntegrationResponse(value: unknown): value is IntegrationResponse {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const { statusCode, headers } = value as Record<string, unknown>;
  return (
    typeof statusCode === 'number' &&
    Number.isInteger(statusCode) &&
    statusCode >= 100 &&
    statusCode <= 599 &&
    (headers === undefined || (typeof headers === 'object' && headers !== null))
  );
}
