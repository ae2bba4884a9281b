/**
 * Reading the request wx-server-sdk sends for cloud.cloudPay.*: @cloudbase/node-sdk posts the /admin action
 * `wx.wxPayApi` as multipart/form-data (not JSON like the database actions), with requestData and apiOptions as
 * binary parts. The server can hand the fields this returns straight to PaySandbox.handleWxPayApi.
 */
import type { WxPayApiRequest } from './cloudpay-api';

export const WX_PAY_API_ACTION = 'wx.wxPayApi';

/** Form fields by name; a repeated name keeps its last value. */
export function parseMultipartForm(
  body: Buffer,
  contentType: string | undefined,
): Map<string, Buffer> | undefined {
  const boundary = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType ?? '');
  if (!/^multipart\/form-data/i.test(contentType ?? '') || !boundary) return undefined;
  const delimiter = Buffer.from(`--${boundary[1] ?? boundary[2]}`);
  const fields = new Map<string, Buffer>();
  let start = body.indexOf(delimiter);
  while (start >= 0) {
    const partStart = start + delimiter.length;
    // "--" right after a delimiter closes the form.
    if (body.subarray(partStart, partStart + 2).toString() === '--') break;
    const next = body.indexOf(delimiter, partStart);
    if (next < 0) break;
    // Each part sits between the CRLF after its delimiter and the CRLF before the next one.
    const part = body.subarray(partStart + 2, next - 2);
    const headerEnd = part.indexOf('\r\n\r\n');
    if (headerEnd >= 0) {
      const headers = part.subarray(0, headerEnd).toString('utf8');
      const name = /content-disposition:[^\r\n]*\bname="([^"]*)"/i.exec(headers)?.[1];
      if (name !== undefined) fields.set(name, Buffer.from(part.subarray(headerEnd + 4)));
    }
    start = next;
  }
  return fields;
}

/**
 * The wx.wxPayApi call in a multipart /admin body, or undefined when the body is another action (or not
 * multipart at all). The caller adds callerAppid/callerOpenid from the invocation that sent it.
 */
export function readWxPayApiForm(
  body: Buffer,
  contentType: string | undefined,
): (WxPayApiRequest & { envName?: string }) | undefined {
  const fields = parseMultipartForm(body, contentType);
  if (!fields || fields.get('action')?.toString('utf8') !== WX_PAY_API_ACTION) return undefined;
  const apiName = fields.get('apiName')?.toString('utf8');
  const requestData = fields.get('requestData');
  if (!apiName || !requestData) return undefined;
  return {
    apiName,
    requestData,
    apiOptions: fields.get('apiOptions'),
    envName: fields.get('envName')?.toString('utf8'),
  };
}
