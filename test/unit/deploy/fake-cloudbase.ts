/**
 * A local stand-in for Tencent Cloud's API endpoints, for the deploy tests: an HTTP proxy on 127.0.0.1 that
 * manager-node reaches through its `proxy` option (HTTPS_PROXY), terminating TLS with a certificate made for
 * the test (the command trusts it through NODE_EXTRA_CA_CERTS). Behind it, the API 3.0 JSON protocol: every
 * request's TC3-HMAC-SHA256 signature is checked against the key pair, then answered from a small model of
 * one environment (functions, triggers, collections, indexes, rules, storage objects). Every request is
 * recorded for the tests to assert on.
 */
import { execFileSync } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import type net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export interface ApiCall {
  service: string;
  action: string;
  body: Record<string, unknown>;
}

export interface StorageWrite {
  method: string;
  host: string;
  key: string;
  bytes: number;
}

export interface DeployedFunctionState {
  Runtime: string;
  Timeout: number;
  MemorySize: number;
  InstallDependency: string;
  Environment: { Key: string; Value: string }[];
  Triggers: { Type: string; TriggerName: string; TriggerDesc: string }[];
  zipBytes: number;
}

export interface FakeCloudBase {
  proxyUrl: string;
  /** PEM of the certificate the proxy presents, for NODE_EXTRA_CA_CERTS. */
  caFile: string;
  calls: ApiCall[];
  storage: StorageWrite[];
  /** Requests refused for a bad signature, by action. */
  badSignatures: string[];
  functions: Map<string, DeployedFunctionState>;
  collections: Map<
    string,
    {
      indexes: { Name: string; Keys: { Name: string; Direction: string }[]; Unique: boolean }[];
      rule?: string;
    }
  >;
  actions(service?: string): string[];
  close(): Promise<void>;
}

const REGION = 'ap-shanghai';
export const FAKE_ENV = {
  bucket: '7368-shop-prod-1a2b3c-1300000000',
  appId: '1300000000',
};

function makeCertificate(dir: string): { key: string; cert: string } {
  const key = path.join(dir, 'key.pem');
  const cert = path.join(dir, 'cert.pem');
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-days',
      '2',
      '-subj',
      '/CN=fake tencent cloud',
      '-keyout',
      key,
      '-out',
      cert,
      '-addext',
      `subjectAltName=DNS:*.tencentcloudapi.com,DNS:*.${REGION}.tcb-api.tencentcloudapi.com,DNS:*.cos.${REGION}.tencentcos.cn,DNS:*.cos.${REGION}.myqcloud.com`,
      '-addext',
      'basicConstraints=critical,CA:TRUE',
    ],
    { stdio: 'ignore' },
  );
  return { key, cert };
}

const hmac = (key: string | Buffer, text: string): Buffer => createHmac('sha256', key).update(text).digest();
const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** Tencent Cloud API 3.0 signature (TC3-HMAC-SHA256) of a POST with a JSON body, as the API checks it. */
function expectedAuthorization(
  secretId: string,
  secretKey: string,
  service: string,
  host: string,
  timestamp: number,
  body: string,
): string {
  const date = new Date(timestamp * 1000).toISOString().slice(0, 10);
  const canonical = `POST\n/\n\ncontent-type:application/json\nhost:${host}\n\ncontent-type;host\n${sha256(body)}`;
  const scope = `${date}/${service}/tc3_request`;
  const toSign = `TC3-HMAC-SHA256\n${timestamp}\n${scope}\n${sha256(canonical)}`;
  const signing = hmac(hmac(hmac(`TC3${secretKey}`, date), service), 'tc3_request');
  const signature = createHmac('sha256', signing).update(toSign).digest('hex');
  return `TC3-HMAC-SHA256 Credential=${secretId}/${scope}, SignedHeaders=content-type;host, Signature=${signature}`;
}

function readBody(request: http.IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export async function startFakeCloudBase(
  keys: { secretId: string; secretKey: string },
  envId: string,
): Promise<FakeCloudBase> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fake-cloudbase-'));
  const tls = makeCertificate(dir);
  const calls: ApiCall[] = [];
  const storage: StorageWrite[] = [];
  const badSignatures: string[] = [];
  const functions = new Map<string, DeployedFunctionState>();
  const collections: FakeCloudBase['collections'] = new Map();
  let requestSeq = 0;

  const error = (code: string, message: string) => ({ Error: { Code: code, Message: message } });

  function answer(service: string, action: string, body: Record<string, unknown>): Record<string, unknown> {
    const name = String(body.FunctionName ?? '');
    const table = String(body.TableName ?? '');
    switch (`${service}.${action}`) {
      case 'tcb.DescribeEnvInfo':
        if (body.EnvId !== envId) return error('ResourceNotFound', `env ${String(body.EnvId)} not found`);
        return {
          EnvInfo: {
            EnvBaseInfo: {
              EnvId: envId,
              Status: 'NORMAL',
              Region: REGION,
              Databases: [{ InstanceId: 'tnt-fake', Region: REGION, Status: 'RUNNING' }],
              Storages: [{ Region: REGION, Bucket: FAKE_ENV.bucket, AppId: FAKE_ENV.appId }],
              Functions: [{ Namespace: envId, Region: REGION }],
            },
            UserInfo: { AppId: FAKE_ENV.appId },
          },
        };
      case 'scf.GetFunction': {
        const fn = functions.get(name);
        if (!fn) return error('ResourceNotFound.FunctionName', `function ${name} does not exist`);
        return { FunctionName: name, Status: 'Active', ...fn };
      }
      case 'scf.CreateFunction': {
        if (functions.has(name)) return error('ResourceInUse.FunctionName', `function ${name} exists`);
        const code = body.Code as { ZipFile?: string } | undefined;
        functions.set(name, {
          Runtime: String(body.Runtime),
          Timeout: Number(body.Timeout),
          MemorySize: Number(body.MemorySize),
          InstallDependency: String(body.InstallDependency),
          Environment:
            (body.Environment as { Variables?: DeployedFunctionState['Environment'] } | undefined)
              ?.Variables ?? [],
          Triggers: [],
          zipBytes: Buffer.from(code?.ZipFile ?? '', 'base64').length,
        });
        return {};
      }
      case 'scf.UpdateFunctionCode': {
        const fn = functions.get(name);
        if (!fn) return error('ResourceNotFound.FunctionName', `function ${name} does not exist`);
        fn.zipBytes = Buffer.from((body.Code as { ZipFile?: string }).ZipFile ?? '', 'base64').length;
        fn.InstallDependency = String(body.InstallDependency);
        return {};
      }
      case 'scf.UpdateFunctionConfiguration': {
        const fn = functions.get(name);
        if (!fn) return error('ResourceNotFound.FunctionName', `function ${name} does not exist`);
        if (body.Timeout !== undefined) fn.Timeout = Number(body.Timeout);
        if (body.MemorySize !== undefined) fn.MemorySize = Number(body.MemorySize);
        const environment = body.Environment as
          { Variables?: DeployedFunctionState['Environment'] } | undefined;
        if (environment?.Variables) fn.Environment = environment.Variables;
        return {};
      }
      case 'scf.BatchCreateTrigger': {
        const fn = functions.get(name);
        if (!fn) return error('ResourceNotFound.FunctionName', `function ${name} does not exist`);
        const triggers = JSON.parse(String(body.Triggers)) as {
          TriggerName: string;
          Type: string;
          TriggerDesc: string;
        }[];
        for (const trigger of triggers) {
          if (fn.Triggers.some((item) => item.TriggerName === trigger.TriggerName)) {
            return error('ResourceInUse.Trigger', `trigger ${trigger.TriggerName} exists`);
          }
        }
        fn.Triggers.push(
          ...triggers.map((trigger) => ({
            ...trigger,
            TriggerDesc: JSON.stringify({ cron: trigger.TriggerDesc }),
          })),
        );
        return {};
      }
      case 'scf.DeleteTrigger': {
        const fn = functions.get(name);
        if (fn) fn.Triggers = fn.Triggers.filter((item) => item.TriggerName !== body.TriggerName);
        return {};
      }
      case 'tcb.DescribeTable': {
        const collection = collections.get(table);
        if (!collection) return error('ResourceNotFound', `collection ${table} does not exist`);
        return {
          Indexes: [
            { Name: '_id_', Keys: [{ Name: '_id', Direction: '1' }], Unique: true },
            ...collection.indexes,
          ],
        };
      }
      case 'tcb.CreateTable':
        if (collections.has(table)) return error('ResourceInUse', `collection ${table} exists`);
        collections.set(table, { indexes: [] });
        return {};
      case 'tcb.UpdateTable': {
        const collection = collections.get(table);
        if (!collection) return error('ResourceNotFound', `collection ${table} does not exist`);
        for (const index of (body.CreateIndexes as {
          IndexName: string;
          MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean };
        }[]) ?? []) {
          if (collection.indexes.some((item) => item.Name === index.IndexName)) {
            return error('InvalidParameter', `index ${index.IndexName} exists`);
          }
          collection.indexes.push({
            Name: index.IndexName,
            Keys: index.MgoKeySchema.MgoIndexKeys,
            Unique: index.MgoKeySchema.MgoIsUnique,
          });
        }
        return {};
      }
      case 'tcb.ModifyResourcePermission': {
        const collection = collections.get(String(body.Resource));
        if (!collection)
          return error('ResourceNotFound', `collection ${String(body.Resource)} does not exist`);
        collection.rule = String(body.SecurityRule);
        return { Data: { Success: true } };
      }
      default:
        return error('InvalidAction', `the fake does not know ${service}.${action}`);
    }
  }

  async function handle(
    request: http.IncomingMessage,
    response: http.ServerResponse,
    host: string,
  ): Promise<void> {
    const raw = await readBody(request);
    if (host.endsWith('.tencentcos.cn') || host.endsWith('.myqcloud.com')) {
      const key = decodeURIComponent(new URL(request.url ?? '/', `https://${host}`).pathname.slice(1));
      if (request.method === 'PUT' || request.method === 'POST') {
        storage.push({ method: request.method, host, key, bytes: raw.length });
      }
      response.writeHead(200, {
        ETag: `"${createHash('md5').update(raw).digest('hex')}"`,
        'x-cos-request-id': `fake-${(requestSeq += 1)}`,
      });
      response.end();
      return;
    }
    if (host.endsWith('.tcb-api.tencentcloudapi.com')) {
      // CloudBase's own endpoint (storage metadata): signed the COS way, answered as { data } or { code }.
      const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      const requestId = `fake-${(requestSeq += 1)}`;
      const action = String(body.action);
      let result: Record<string, unknown>;
      if (
        body.envName !== envId ||
        typeof body.authorization !== 'string' ||
        !body.authorization.includes(keys.secretId)
      ) {
        result = { code: 'PERMISSION_DENIED', message: 'bad env or signature', requestId };
      } else if (action === 'storage.getUploadMetadata') {
        calls.push({ service: 'tcb-api', action, body: { path: body.path } });
        result = {
          data: {
            cosFileId: `fake-file-${requestSeq}`,
            url: `https://${FAKE_ENV.bucket}.cos.${REGION}.tencentcos.cn/${String(body.path)}`,
          },
          requestId,
        };
      } else {
        result = { code: 'INVALID_ACTION', message: `the fake does not know ${action}`, requestId };
      }
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify(result));
      return;
    }
    const service = host.split('.')[0];
    const action = String(request.headers['x-tc-action'] ?? '');
    const text = raw.toString('utf8');
    const body = (text ? JSON.parse(text) : {}) as Record<string, unknown>;
    const requestId = `fake-${(requestSeq += 1)}`;
    const timestamp = Number(request.headers['x-tc-timestamp']);
    const authorization = String(request.headers.authorization ?? '');
    let result: Record<string, unknown>;
    if (
      authorization !== expectedAuthorization(keys.secretId, keys.secretKey, service, host, timestamp, text)
    ) {
      badSignatures.push(action);
      result = error('AuthFailure.SignatureFailure', 'The provided credentials could not be validated.');
    } else {
      calls.push({ service, action, body });
      result = answer(service, action, body);
    }
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ Response: { ...result, RequestId: requestId } }));
  }

  // TLS side: requests that came through CONNECT, for the host they named.
  const secure = https.createServer(
    { key: fs.readFileSync(tls.key), cert: fs.readFileSync(tls.cert) },
    (request, response) => {
      handle(request, response, String(request.headers.host ?? '').split(':')[0]).catch(() => {
        response.writeHead(500);
        response.end();
      });
    },
  );
  // Plain side: the proxy itself (CONNECT tunnels, and absolute-URI requests of plain HTTP).
  const proxy = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://unknown');
    handle(request, response, url.hostname).catch(() => {
      response.writeHead(500);
      response.end();
    });
  });
  proxy.on('connect', (_request: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    socket.write('HTTP/1.1 200 Connection Established\r\n\r\n');
    if (head.length > 0) socket.unshift(head);
    secure.emit('connection', socket);
  });
  await new Promise<void>((resolve) => proxy.listen(0, '127.0.0.1', resolve));
  const { port } = proxy.address() as net.AddressInfo;

  return {
    proxyUrl: `http://127.0.0.1:${port}`,
    caFile: tls.cert,
    calls,
    storage,
    badSignatures,
    functions,
    collections,
    actions: (service) =>
      calls.filter((call) => !service || call.service === service).map((call) => call.action),
    close: async () => {
      proxy.closeAllConnections();
      secure.closeAllConnections();
      await new Promise<void>((resolve) => proxy.close(() => resolve()));
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
