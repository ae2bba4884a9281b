/** HTTP access of functions: the integration request event and the mapping of answers to HTTP responses. */
import type { HttpAccessEvent } from '../runtime/http-access';
import { startTestCloud, type TestCloud } from './runtime-fixture-cloud';

describe('/http/<name>', () => {
  let test: TestCloud;

  beforeAll(async () => {
    test = await startTestCloud();
  });
  afterAll(() => test.stop());

  it('passes method, path, headers, query and the raw text body, and answers the integration response', async () => {
    const body = '{"id":"4200001","summary":"支付成功"}';
    const response = await fetch(`${test.cloud.url}/http/echoHttp/v3/notify?from=pay&tag=a&tag=b`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'wechatpay-serial': 'SERIAL1',
        'wechatpay-signature': 'c2lnbmF0dXJl',
      },
      body,
    });
    expect(response.status).toBe(201);
    expect(response.headers.get('x-echo')).toBe('yes');
    expect(response.headers.get('content-type')).toBe('application/json');
    const event = (await response.json()) as HttpAccessEvent;
    expect(event.httpMethod).toBe('POST');
    expect(event.path).toBe('/http/echoHttp/v3/notify');
    expect(event.headers['wechatpay-serial']).toBe('SERIAL1');
    expect(event.headers['wechatpay-signature']).toBe('c2lnbmF0dXJl');
    expect(event.queryStringParameters).toEqual({ from: 'pay', tag: 'b' });
    expect(event.multiValueQueryStringParameters.tag).toEqual(['a', 'b']);
    // The exact bytes that were signed reach the function: a payment notification is verified on them.
    expect(event.body).toBe(body);
    expect(event.isBase64Encoded).toBe(false);
    expect(event.requestContext.requestId).toBe(response.headers.get('x-request-id'));
  });

  it('passes a binary body as base64 with isBase64Encoded', async () => {
    const bytes = Buffer.from([0, 1, 2, 250, 251, 252, 0xc3]);
    const response = await fetch(`${test.cloud.url}/http/echoHttp`, {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    const event = (await response.json()) as HttpAccessEvent;
    expect(event.httpMethod).toBe('PUT');
    expect(event.path).toBe('/http/echoHttp');
    expect(event.isBase64Encoded).toBe(true);
    expect(Buffer.from(event.body, 'base64').equals(bytes)).toBe(true);
  });

  it('gives a GET an empty body', async () => {
    const event = (await (await fetch(`${test.cloud.url}/http/echoHttp/`)).json()) as HttpAccessEvent;
    expect(event).toMatchObject({
      httpMethod: 'GET',
      body: '',
      isBase64Encoded: false,
      queryStringParameters: {},
    });
  });

  it('answers a string or number as text/plain and anything else as JSON', async () => {
    const text = await fetch(`${test.cloud.url}/http/echoHttp?mode=text`);
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await text.text()).toBe('plain words');
    const number = await fetch(`${test.cloud.url}/http/echoHttp?mode=number`);
    expect(await number.text()).toBe('42');
    const object = await fetch(`${test.cloud.url}/http/echoHttp?mode=object`);
    expect(object.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await object.json()).toEqual({ plain: true });
  });

  it('decodes a base64 integration response body', async () => {
    const response = await fetch(`${test.cloud.url}/http/echoHttp?mode=binary`);
    expect(response.headers.get('content-type')).toBe('image/png');
    expect(
      Buffer.from(await response.arrayBuffer()).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 255])),
    ).toBe(true);
  });

  it('answers a failed function with the error and its status', async () => {
    const missing = await fetch(`${test.cloud.url}/http/noSuchFunction`);
    expect(missing.status).toBe(404);
    const failed = await fetch(`${test.cloud.url}/http/failing?mode=throw`);
    expect(failed.status).toBe(500);
    expect(await failed.json()).toMatchObject({ errCode: -504002, errMsg: 'Error: boom from failing' });
  });
});
