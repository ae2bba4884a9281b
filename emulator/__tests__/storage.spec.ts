/**
 * Cloud storage of the local cloud through the real wx-server-sdk: upload, temporary URLs that serve the
 * bytes, deletion, the mini program's upload over HTTP (the H5 build), files kept across a restart, and the
 * refusals CloudBase gives (bad paths, unknown files, expired or forged URLs).
 */
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { connectSdk, postAdmin, startTestCloud, type TestCloud } from '../../test/support/local-cloud';
import type { Sdk } from '../../test/support/sdk-types';
import { failureOf } from '../../test/support/collections';

let dataDir: string;
let cloud: TestCloud;
let sdk: Sdk;
const PNG = Buffer.from(
  '89504e470d0a1a0a0000000d4948445200000001000000010806000000' +
    '1f15c4890000000d49444154789c6360f8cfc0000003010100c9fe92ef0000000049454e44ae426082',
  'hex',
);

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'local-cloud-files-'));
  cloud = await startTestCloud({ dataDir });
  sdk = connectSdk(cloud.adminUrl);
});

afterEach(async () => {
  await cloud.close();
  await rm(dataDir, { recursive: true, force: true });
});

async function tempUrl(fileID: string): Promise<string> {
  const { fileList } = await sdk.getTempFileURL({ fileList: [fileID] });
  expect(fileList[0]).toMatchObject({ fileID, status: 0 });
  return fileList[0]?.tempFileURL ?? '';
}

it('uploads from a function and serves the bytes at the temporary URL', async () => {
  const { fileID } = await sdk.uploadFile({ cloudPath: 'products/p1/cover.png', fileContent: PNG });
  expect(fileID).toMatch(/^cloud:\/\/local\.[0-9a-z-]+\/products\/p1\/cover\.png$/);
  const response = await fetch(await tempUrl(fileID));
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toBe('image/png');
  expect(Buffer.from(await response.arrayBuffer())).toEqual(PNG);
});

it('keeps uploaded files across a restart', async () => {
  const { fileID } = await sdk.uploadFile({
    cloudPath: 'exports/orders.csv',
    fileContent: Buffer.from('a,b\n'),
  });
  await cloud.close();
  cloud = await startTestCloud({ dataDir });
  sdk = connectSdk(cloud.adminUrl);
  expect(await (await fetch(await tempUrl(fileID))).text()).toBe('a,b\n');
});

it('deletes files, and then neither lists nor serves them', async () => {
  const { fileID } = await sdk.uploadFile({ cloudPath: 'tmp/x.txt', fileContent: Buffer.from('x') });
  const url = await tempUrl(fileID);
  const deleted = await sdk.deleteFile({ fileList: [fileID, `${fileID}-missing`] });
  expect(deleted.fileList.map((f) => f.status)).toEqual([0, -503003]);
  const after = await sdk.getTempFileURL({ fileList: [fileID] });
  expect(after.fileList[0]).toMatchObject({ fileID, status: -503003, tempFileURL: '' });
  expect((await fetch(url)).status).toBe(404);
});

it('refuses paths that are not cloud paths', async () => {
  for (const cloudPath of ['/leading-slash.png', 'a/../../escape.png', 'a//b.png', '']) {
    // getUploadMetadata answers INVALID_PARAM; the SDK then fails the upload (its own errCode, -1).
    const failure = await failureOf(sdk.uploadFile({ cloudPath, fileContent: PNG }));
    expect([cloudPath, failure.errMsg ?? failure.message]).toEqual([cloudPath, expect.any(String)]);
  }
  const answer = await postAdmin(cloud.adminUrl, {
    action: 'storage.getUploadMetadata',
    path: 'a/../../escape.png',
    method: 'put',
  });
  expect(answer.body).toMatchObject({ code: 'INVALID_PARAM' });
  expect(await readdir(path.join(dataDir, 'storage'))).toEqual([]);
});

it('refuses a forged temporary URL and a second use of an upload URL; short-lived URLs end when asked', async () => {
  const { fileID } = await sdk.uploadFile({ cloudPath: 'a/b.txt', fileContent: Buffer.from('b') });
  const url = new URL(await tempUrl(fileID));
  const forged = new URL(url);
  forged.searchParams.set('t', String(Number(url.searchParams.get('t')) + 3600));
  expect((await fetch(forged)).status).toBe(403);

  const { fileList } = await sdk.getTempFileURL({ fileList: [{ fileID, maxAge: 1 }] });
  const shortLived = new URL(fileList[0]?.tempFileURL ?? '');
  const expiredAt = Number(shortLived.searchParams.get('t'));
  expect(expiredAt).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 1);

  const metadata = (await (
    await fetch(cloud.adminUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ action: 'storage.getUploadMetadata', path: 'once.txt', method: 'put' }),
    })
  ).json()) as { data: { url: string; authorization: string } };
  const put = () =>
    fetch(metadata.data.url, {
      method: 'PUT',
      headers: { authorization: metadata.data.authorization },
      body: 'once',
    });
  expect((await put()).status).toBe(200);
  const again = await put();
  expect(again.status).toBe(403);
  expect(await again.text()).toContain('<Code>AccessDenied</Code>');
});

it('takes uploads from the mini program over HTTP, as a known user only', async () => {
  const upload = (openid: string | undefined) =>
    fetch(`${cloud.url}/_/storage/upload?cloudPath=${encodeURIComponent('reviews/u1/1.png')}`, {
      method: 'POST',
      headers: openid ? { 'x-wx-openid': openid } : {},
      body: PNG,
    });
  expect((await upload(undefined)).status).toBe(401);
  const answer = (await (await upload('buyer-1')).json()) as { fileID: string };
  expect(answer.fileID).toMatch(/\/reviews\/u1\/1\.png$/);
  expect(Buffer.from(await (await fetch(await tempUrl(answer.fileID))).arrayBuffer())).toEqual(PNG);
});
