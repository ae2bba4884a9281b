/**
 * Cloud storage of the local cloud, as CloudBase provides it:
 * - from functions (wx-server-sdk → @cloudbase/node-sdk), three actions on the admin endpoint:
 *   `storage.getUploadMetadata` { path } → { data: { url, token, authorization, fileId, cosFileId } }, then a
 *   PUT of the bytes to `url` (COS's answer: empty body on success, an XML <Error> otherwise);
 *   `storage.batchGetDownloadUrl` { file_list: [{ fileid, max_age }] } → { data: { download_list: [{ fileID,
 *   tempFileURL, code, maxAge }] } }; `storage.batchDeleteFile` { fileid_list } → { data: { delete_list:
 *   [{ fileID, code }] } } (per-file codes: SUCCESS or STORAGE_FILE_NONEXIST);
 * - from the mini program (the H5 build, where wx.cloud.uploadFile does not exist): `POST /_/storage/upload?
 *   cloudPath=...` with the bytes as the body, as a user (x-wx-openid) → { fileID };
 * - reading: `GET /_/storage/<bucket>/<path>`, the URL getTempFileURL hands out. Files are readable by
 *   everyone, CloudBase's default storage rule ("所有用户可读"); a temporary URL past its `t` is refused.
 * Files live in <dataDir>/storage/<path>, written to a temporary file, synced and renamed into place, so an
 * acknowledged upload survives a crash.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { AdminError, type AdminContext } from './admin';
import { headerValue, readBody, sendJson } from './runtime/http-io';
import { contentTypeOf } from './static';

/** The path prefix of every storage route. */
export const STORAGE_ROUTE = '/_/storage/';
/** COS takes a single PUT of up to 5 GB; the local cloud keeps uploads in memory, so it stops at 50 MB. */
export const UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;
/** An upload URL from getUploadMetadata is good for this long (COS signatures of CloudBase: minutes). */
const UPLOAD_URL_TTL_MS = 10 * 60 * 1000;
/** getTempFileURL without max_age: CloudBase's default of one day. */
const DEFAULT_MAX_AGE_S = 86400;
/** COS object keys are at most 850 bytes. */
const MAX_PATH_BYTES = 850;

interface PendingUpload {
  cloudPath: string;
  expiresAt: number;
}

export class LocalStorage {
  readonly root: string;
  readonly bucket: string;
  readonly #envId: string;
  readonly #baseUrl: () => string;
  readonly #secret: Buffer;
  readonly #now: () => number;
  readonly #uploads = new Map<string, PendingUpload>();

  /** `now`: the local cloud's clock (a test may move it), for the expiry of upload and download URLs. */
  constructor(options: { dataDir: string; envId: string; baseUrl: () => string; now: () => number }) {
    this.#now = options.now;
    this.root = path.resolve(options.dataDir, 'storage');
    fs.mkdirSync(this.root, { recursive: true });
    this.#envId = options.envId;
    this.#baseUrl = options.baseUrl;
    // Bucket names of CloudBase look like "<hex of the env's first letters>-<env>-<appid number>".
    this.bucket = `${Buffer.from(options.envId.slice(0, 2)).toString('hex')}-${options.envId}-1300000000`;
    // Kept beside the files so temporary URLs handed out before a restart stay valid until they expire.
    const secretFile = path.join(options.dataDir, 'storage-url-secret');
    if (!fs.existsSync(secretFile)) fs.writeFileSync(secretFile, randomBytes(32).toString('hex'));
    this.#secret = Buffer.from(fs.readFileSync(secretFile, 'utf8').trim(), 'hex');
  }

  /** Registers the storage actions of the admin endpoint. */
  register(admin: AdminContext): void {
    admin.actions.set('storage.getUploadMetadata', (request) => this.#uploadMetadata(request.params));
    admin.actions.set('storage.batchGetDownloadUrl', (request) => this.#downloadUrls(request.params));
    admin.actions.set('storage.batchDeleteFile', (request) => this.#deleteFiles(request.params));
  }

  fileIdOf(cloudPath: string): string {
    return `cloud://${this.#envId}.${this.bucket}/${cloudPath}`;
  }

  /** The cloud path of a file ID of this environment; undefined for anything else. */
  cloudPathOf(fileId: string): string | undefined {
    const prefix = `cloud://${this.#envId}.${this.bucket}/`;
    if (!fileId.startsWith(prefix)) return undefined;
    const cloudPath = fileId.slice(prefix.length);
    return validCloudPath(cloudPath) ? cloudPath : undefined;
  }

  handles(pathname: string): boolean {
    return pathname.startsWith(STORAGE_ROUTE);
  }

  async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const rest = url.pathname.slice(STORAGE_ROUTE.length);
    const method = req.method ?? 'GET';
    if (rest.startsWith('cos/') && method === 'PUT') return this.#putObject(req, res, rest.slice(4));
    if (rest === 'upload' && method === 'POST') return this.#uploadFromClient(req, res, url);
    if (rest === 'upload' && method === 'OPTIONS') {
      res.writeHead(204, CLIENT_CORS).end();
      return;
    }
    if (rest.startsWith(`${this.bucket}/`) && (method === 'GET' || method === 'HEAD')) {
      return this.#serve(req, res, url, safeDecode(rest.slice(this.bucket.length + 1)));
    }
    sendJson(res, 404, { code: 'NOT_FOUND', message: `no storage route for ${method} ${url.pathname}` });
  }

  #uploadMetadata(params: Readonly<Record<string, unknown>>): unknown {
    const cloudPath = params.path;
    if (typeof cloudPath !== 'string' || !validCloudPath(cloudPath)) {
      throw new AdminError('INVALID_PARAM', `cloudPath ${JSON.stringify(cloudPath)} is not valid`);
    }
    const token = randomBytes(16).toString('hex');
    this.#uploads.set(token, { cloudPath, expiresAt: this.#now() + UPLOAD_URL_TTL_MS });
    const fileId = this.fileIdOf(cloudPath);
    return {
      data: {
        url: `${this.#baseUrl()}${STORAGE_ROUTE}cos/${token}`,
        token,
        authorization: `q-sign-algorithm=sha1&q-signature=${this.#sign(`put:${token}`)}`,
        fileId,
        cosFileId: randomBytes(8).toString('hex'),
        download_url: this.#url(cloudPath, DEFAULT_MAX_AGE_S),
      },
    };
  }

  #downloadUrls(params: Readonly<Record<string, unknown>>): unknown {
    const list = params.file_list;
    if (!Array.isArray(list) || list.length === 0 || list.length > 50) {
      // CloudBase answers at most 50 files per call.
      throw new AdminError('INVALID_PARAM', 'file_list must hold 1..50 files');
    }
    const download_list = list.map((entry: unknown) => {
      const { fileid, max_age } = (entry ?? {}) as { fileid?: unknown; max_age?: unknown };
      const fileID = typeof fileid === 'string' ? fileid : '';
      const maxAge = typeof max_age === 'number' && max_age > 0 ? Math.floor(max_age) : DEFAULT_MAX_AGE_S;
      const cloudPath = this.cloudPathOf(fileID);
      if (!cloudPath || !fs.existsSync(this.#fileOf(cloudPath))) {
        return { fileID, tempFileURL: '', code: 'STORAGE_FILE_NONEXIST', maxAge };
      }
      return { fileID, tempFileURL: this.#url(cloudPath, maxAge), code: 'SUCCESS', maxAge };
    });
    return { data: { download_list } };
  }

  #deleteFiles(params: Readonly<Record<string, unknown>>): unknown {
    const list = params.fileid_list;
    if (!Array.isArray(list) || list.length === 0 || list.length > 50) {
      throw new AdminError('INVALID_PARAM', 'fileid_list must hold 1..50 file IDs');
    }
    const delete_list = list.map((fileID: unknown) => {
      const id = typeof fileID === 'string' ? fileID : '';
      const cloudPath = this.cloudPathOf(id);
      if (!cloudPath) return { fileID: id, code: 'STORAGE_FILE_NONEXIST' };
      try {
        fs.unlinkSync(this.#fileOf(cloudPath));
        return { fileID: id, code: 'SUCCESS' };
      } catch {
        return { fileID: id, code: 'STORAGE_FILE_NONEXIST' };
      }
    });
    return { data: { delete_list } };
  }

  /** The COS side of a function's upload: the URL of getUploadMetadata, used once. */
  async #putObject(req: http.IncomingMessage, res: http.ServerResponse, token: string): Promise<void> {
    const pending = this.#uploads.get(token);
    const authorization = headerValue(req, 'authorization') ?? '';
    if (!pending || pending.expiresAt < this.#now() || !authorization.endsWith(this.#sign(`put:${token}`))) {
      await readBody(req, UPLOAD_LIMIT_BYTES, 'truncate');
      cosError(res, 403, 'AccessDenied', 'Request has expired or the signature does not match');
      return;
    }
    const body = await readBody(req, UPLOAD_LIMIT_BYTES + 1, 'truncate');
    if (body.length > UPLOAD_LIMIT_BYTES) {
      cosError(res, 400, 'EntityTooLarge', `Your proposed upload exceeds ${UPLOAD_LIMIT_BYTES} bytes`);
      return;
    }
    this.#uploads.delete(token);
    this.#write(pending.cloudPath, body);
    res.writeHead(200, { 'content-length': '0' }).end();
  }

  /** What wx.cloud.uploadFile does from the mini program, for the H5 build: one request, a file ID back. */
  async #uploadFromClient(req: http.IncomingMessage, res: http.ServerResponse, url: URL): Promise<void> {
    const cloudPath = url.searchParams.get('cloudPath') ?? '';
    const openid = headerValue(req, 'x-wx-openid') ?? '';
    const body = await readBody(req, UPLOAD_LIMIT_BYTES + 1, 'truncate');
    if (openid === '') {
      sendJson(
        res,
        401,
        { errCode: -601034, errMsg: 'uploadFile: the mini program user is unknown' },
        CLIENT_CORS,
      );
      return;
    }
    if (!validCloudPath(cloudPath)) {
      sendJson(
        res,
        400,
        { errCode: -501007, errMsg: `uploadFile: invalid cloudPath ${JSON.stringify(cloudPath)}` },
        CLIENT_CORS,
      );
      return;
    }
    if (body.length > UPLOAD_LIMIT_BYTES) {
      sendJson(res, 413, { errCode: -501007, errMsg: 'uploadFile: the file is too large' }, CLIENT_CORS);
      return;
    }
    this.#write(cloudPath, body);
    sendJson(
      res,
      200,
      { fileID: this.fileIdOf(cloudPath), statusCode: 204, errMsg: 'cloud.uploadFile:ok' },
      CLIENT_CORS,
    );
  }

  #serve(req: http.IncomingMessage, res: http.ServerResponse, url: URL, cloudPath: string | undefined): void {
    if (!cloudPath || !validCloudPath(cloudPath))
      return cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    const sign = url.searchParams.get('sign');
    const t = url.searchParams.get('t');
    if (sign !== null || t !== null) {
      const expiresAt = Number(t);
      const expected = this.#sign(`get:${cloudPath}:${t ?? ''}`);
      const given = Buffer.from(sign ?? '');
      const matches = given.length === expected.length && timingSafeEqual(given, Buffer.from(expected));
      if (!matches || !Number.isFinite(expiresAt) || expiresAt * 1000 < this.#now()) {
        return cosError(res, 403, 'AccessDenied', 'Request has expired');
      }
    }
    const file = this.#fileOf(cloudPath);
    let stat: fs.Stats;
    try {
      stat = fs.statSync(file);
    } catch {
      return cosError(res, 404, 'NoSuchKey', 'The specified key does not exist.');
    }
    res.writeHead(200, {
      'content-type': contentTypeOf(file),
      'content-length': String(stat.size),
      'access-control-allow-origin': '*',
    });
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    fs.createReadStream(file).pipe(res);
  }

  #url(cloudPath: string, maxAgeS: number): string {
    const t = Math.floor(this.#now() / 1000) + maxAgeS;
    const encoded = cloudPath.split('/').map(encodeURIComponent).join('/');
    return `${this.#baseUrl()}${STORAGE_ROUTE}${this.bucket}/${encoded}?sign=${this.#sign(`get:${cloudPath}:${t}`)}&t=${t}`;
  }

  #sign(text: string): string {
    return createHmac('sha256', this.#secret).update(text).digest('hex');
  }

  #fileOf(cloudPath: string): string {
    return path.join(this.root, ...cloudPath.split('/'));
  }

  #write(cloudPath: string, body: Buffer): void {
    const file = this.#fileOf(cloudPath);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const temporary = `${file}.${randomBytes(4).toString('hex')}.uploading`;
    const fd = fs.openSync(temporary, 'w');
    try {
      fs.writeSync(fd, body);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temporary, file);
    const dir = fs.openSync(path.dirname(file), 'r');
    try {
      fs.fsyncSync(dir);
    } finally {
      fs.closeSync(dir);
    }
  }
}

const CLIENT_CORS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'POST, OPTIONS',
  'access-control-allow-headers': 'content-type, x-wx-openid',
};

/**
 * Cloud paths as CloudBase accepts them: 1..850 bytes, no leading '/', no empty, '.' or '..' segment, no
 * backslash or control character (the local files must stay inside the storage folder).
 */
export function validCloudPath(cloudPath: string): boolean {
  if (cloudPath === '' || Buffer.byteLength(cloudPath) > MAX_PATH_BYTES) return false;
  if (/[\\\p{Cc}]/u.test(cloudPath) || cloudPath.endsWith('.uploading')) return false;
  return cloudPath.split('/').every((segment) => segment !== '' && segment !== '.' && segment !== '..');
}

function safeDecode(text: string): string | undefined {
  try {
    return text
      .split('/')
      .map((segment) => decodeURIComponent(segment))
      .join('/');
  } catch {
    return undefined;
  }
}

function cosError(res: http.ServerResponse, status: number, code: string, message: string): void {
  const body =
    `<?xml version='1.0' encoding='utf-8' ?>\n<Error>\n<Code>${code}</Code>\n<Message>${message}</Message>\n` +
    `<Resource>-</Resource>\n<RequestId>${randomBytes(12).toString('hex')}</RequestId>\n` +
    `<TraceId>${randomBytes(12).toString('hex')}</TraceId>\n</Error>`;
  res.writeHead(status, { 'content-type': 'application/xml' }).end(body);
}
