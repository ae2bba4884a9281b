/** Shared setup of the runtime specs: a local cloud on a free port over the fixture functions. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud, type LocalCloudOptions } from '../server';

export const FIXTURES = path.join(__dirname, 'fixtures');

export interface TestCloud {
  cloud: LocalCloud;
  dataDir: string;
  stop(): Promise<void>;
}

export async function startTestCloud(options: Partial<LocalCloudOptions> = {}): Promise<TestCloud> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-spec-'));
  const cloud = await startLocalCloud({
    port: 0,
    dataDir,
    functionsDir: FIXTURES,
    quiet: true,
    timers: false,
    ...options,
  });
  return {
    cloud,
    dataDir,
    stop: async () => {
      await cloud.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export interface BridgeAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

/** POST /functions/<name> as the given user. */
export async function callFunction<T = Record<string, unknown>>(
  cloud: LocalCloud,
  name: string,
  event: unknown,
  headers: Record<string, string> = {},
): Promise<BridgeAnswer<T>> {
  const response = await fetch(`${cloud.url}/functions/${name}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(event),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as T };
}

/** A functions folder holding copies of the named fixtures, for specs that change or time them. */
export function copyFixtures(names: string[]): string {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-functions-'));
  for (const name of names)
    fs.cpSync(path.join(FIXTURES, name), path.join(folder, name), { recursive: true });
  // Outside the project, require('wx-server-sdk') needs a node_modules up the tree.
  fs.symlinkSync(path.resolve(__dirname, '../../node_modules'), path.join(folder, 'node_modules'), 'dir');
  return folder;
}

/** Whether a process is still there (signal 0 only checks). */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
