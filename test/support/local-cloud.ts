/**
 * Starting a local cloud in a test, and pointing the real wx-server-sdk at it.
 *
 *   const cloud = await startTestCloud();
 *   const sdk = connectSdk(cloud.adminUrl);
 *   const db = sdk.database();
 *   ...
 *   await cloud.close();
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { AdminTuning } from '../../emulator/admin';
import { type LocalCloud, type LocalCloudOptions, startLocalCloud } from '../../emulator/server';
import type { Sdk } from './sdk-types';

export interface TestCloud {
  readonly cloud: LocalCloud;
  /** Base URL of the local cloud, e.g. http://127.0.0.1:43121 */
  readonly url: string;
  /** The CloudBase endpoint for TCB_CONTEXT_CNFG. */
  readonly adminUrl: string;
  readonly dataDir: string;
  /** Stops the server; removes the data folder when startTestCloud created it. */
  close(): Promise<void>;
}

export async function startTestCloud(
  options: Partial<LocalCloudOptions> & AdminTuning = {},
): Promise<TestCloud> {
  const ownDataDir = options.dataDir === undefined;
  const dataDir = options.dataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'local-cloud-')));
  const cloud = await startLocalCloud({
    timers: false,
    quiet: true,
    // Tests move time forward instead of waiting for it (cloud.clock.advance).
    clock: 'test',
    ...options,
    port: options.port ?? 0,
    dataDir,
  });
  return {
    cloud,
    url: cloud.url,
    adminUrl: `${cloud.url}/admin`,
    dataDir,
    async close() {
      await cloud.close();
      if (ownDataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * The real wx-server-sdk, talking to `adminUrl`. The SDK reads TCB_CONTEXT_CNFG and the credentials from the
 * environment on every request, so calling this again re-points it (e.g. after a restart on a new port).
 */
export function connectSdk(adminUrl: string, env = 'test-env'): Sdk {
  process.env.TCB_CONTEXT_CNFG = JSON.stringify({ URL: adminUrl });
  // Any credentials do; without them the SDK refuses to send requests.
  process.env.TENCENTCLOUD_SECRETID ??= 'AKIDlocalcloudtest';
  process.env.TENCENTCLOUD_SECRETKEY ??= 'localcloudtest';
  // Outside a cloud function @cloudbase/node-sdk probes the metadata server on every request (about 50 ms
  // each offline); this tells it it is already on Tencent Cloud.
  process.env.TENCENTCLOUD = 'true';
  // Quiet the SDK's "request longer than 3s" warning that load tests would trigger.
  process.env.SILENCE = 'true';
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- after the environment is set
  const sdk = require('wx-server-sdk') as Sdk;
  sdk.init({ env });
  return sdk;
}

export interface AdminReply {
  status: number;
  body: Record<string, unknown>;
}

/** Sends a raw body to the endpoint, as curl would (for protocol tests the SDK cannot produce). */
export async function postAdmin(adminUrl: string, body: string | Buffer | object): Promise<AdminReply> {
  const payload = typeof body === 'string' || Buffer.isBuffer(body) ? body : JSON.stringify(body);
  const response = await fetch(adminUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: payload,
  });
  const text = await response.text();
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    parsed = { raw: text };
  }
  return { status: response.status, body: (parsed ?? {}) as Record<string, unknown> };
}
