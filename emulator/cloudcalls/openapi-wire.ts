/**
 * The wire format of `cloud.openapi.*`: wx-server-sdk encodes the call's data as the protobuf message
 * `CommApiData { int32 apiType = 1; OpenApiData openapiData = 2; ...; string appid = 6; }` where
 * `OpenApiData { repeated KeyValuePair pairs = 1; }` and `KeyValuePair { string key = 1; bytes value = 2; ... }`
 * (each value JSON text), and posts it as the multipart /admin action `wx.openApi`. A success is answered with
 * `CommOpenApiResp { bytes respData = 1; string contentType = 2; int32 errorCode = 3; uint32 httpCode = 4; }`;
 * the SDK reads `respData` as JSON and throws when it has a non-zero `errcode`.
 */

import { readFields } from '../protobuf-fields';

export interface OpenApiCall {
  appid: string | undefined;
  /** The call's data: each pair's key with its JSON value parsed (snake_case, as the SDK converted it). */
  data: Record<string, unknown>;
}

/** Decodes the SDK's CommApiData; throws on anything that is not one. */
export function decodeOpenApiCall(bytes: Buffer): OpenApiCall {
  const data: Record<string, unknown> = {};
  let appid: string | undefined;
  for (const field of readFields(bytes)) {
    if (field.field === 6 && field.bytes) appid = field.bytes.toString('utf8') || undefined;
    if (field.field !== 2 || !field.bytes) continue;
    for (const pair of readFields(field.bytes)) {
      if (pair.field !== 1 || !pair.bytes) continue;
      let key: string | undefined;
      let value: Buffer | undefined;
      for (const part of readFields(pair.bytes)) {
        if (part.field === 1 && part.bytes) key = part.bytes.toString('utf8');
        if (part.field === 2 && part.bytes) value = part.bytes;
      }
      if (key === undefined || value === undefined) continue;
      const text = value.toString('utf8');
      try {
        data[key] = JSON.parse(text) as unknown;
      } catch {
        data[key] = text;
      }
    }
  }
  return { appid, data };
}

function varint(value: number): Buffer {
  const bytes: number[] = [];
  let rest = value;
  while (rest >= 0x80) {
    bytes.push((rest % 0x80) | 0x80);
    rest = Math.floor(rest / 0x80);
  }
  bytes.push(rest);
  return Buffer.from(bytes);
}

function lengthDelimited(field: number, value: Buffer): Buffer {
  return Buffer.concat([varint(field * 8 + 2), varint(value.length), value]);
}

/** CommOpenApiResp carrying `answer` as JSON (WeChat's own errcode/errmsg inside it). */
export function encodeOpenApiAnswer(answer: unknown): Buffer {
  return Buffer.concat([
    lengthDelimited(1, Buffer.from(JSON.stringify(answer), 'utf8')),
    lengthDelimited(2, Buffer.from('application/json', 'utf8')),
    Buffer.concat([varint(4 * 8), varint(200)]),
  ]);
}
