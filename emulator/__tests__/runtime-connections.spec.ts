/**
 * 2,000 buyers at once: function calls sent at the same moment, each on a connection of its own, all queue
 * (in the kernel's listen backlog, then behind the function's instances) and are answered; none is reset or
 * left to time out connecting. With Node's default backlog of 511 this lost about a third of them.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../server';
import { openAtOnce } from '../../test/support/connection-storm';

let cloud: LocalCloud;
let dataDir: string;

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-connections-'));
  cloud = await startLocalCloud({
    port: 0,
    dataDir,
    functionsDir: path.join(__dirname, 'fixtures'),
    quiet: true,
    timers: false,
  });
});
afterAll(async () => {
  await cloud.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

test('2,000 simultaneous function calls are all answered: none reset, none refused, none timed out', async () => {
  const tally = await openAtOnce(`${cloud.url}/functions/whoami`, 2000);
  expect({ reset: tally.reset, errors: tally.errors, statuses: tally.statuses }).toEqual({
    reset: 0,
    errors: {},
    statuses: {},
  });
  expect(tally.answered).toBe(2000);
}, 180_000);
