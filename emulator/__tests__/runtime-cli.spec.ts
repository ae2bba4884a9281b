/** `npm run cloud`: a taken port is one clear line and exit code 1; SIGTERM stops it with its instances. */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { FIXTURES, processExists } from './runtime-fixture-cloud';

const ROOT = path.resolve(__dirname, '../..');
const TSX = path.join(ROOT, 'node_modules', '.bin', 'tsx');

function startCli(args: string[]): {
  child: ChildProcessWithoutNullStreams;
  output: () => { stdout: string; stderr: string };
  /** Resolves with the match once stdout prints `pattern`; rejects if the process exits first. */
  printed: (pattern: RegExp) => Promise<RegExpExecArray>;
} {
  const child = spawn(TSX, ['emulator/cli.ts', '--functions', FIXTURES, '--no-timers', ...args], {
    cwd: ROOT,
    env: { PATH: process.env.PATH, HOME: process.env.HOME },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const printed = (pattern: RegExp) =>
    new Promise<RegExpExecArray>((resolve, reject) => {
      const check = () => {
        const match = pattern.exec(stdout);
        if (!match) return;
        child.stdout.off('data', check);
        child.off('exit', exited);
        resolve(match);
      };
      const exited = () => reject(new Error(`exited before printing ${pattern}: ${stdout} ${stderr}`));
      child.stdout.on('data', check);
      child.once('exit', exited);
      check();
    });
  return { child, output: () => ({ stdout, stderr }), printed };
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('npm run cloud', () => {
  let dataDir: string;

  beforeEach(() => {
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-cli-'));
  });
  afterEach(() => fs.rmSync(dataDir, { recursive: true, force: true }));

  it('reports a taken port in one line and exits with code 1', async () => {
    const blocker = net.createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as net.AddressInfo).port;
    try {
      const cli = startCli(['--port', String(port), '--data', dataDir]);
      expect(await exitOf(cli.child)).toBe(1);
      const { stderr } = cli.output();
      expect(stderr.trim()).toBe(
        `Port ${port} is already in use (is a local cloud already running?). Stop it, or pick another port with --port or PORT.`,
      );
    } finally {
      blocker.close();
    }
  });

  it('prints its URL, serves functions, and stops cleanly on SIGTERM', async () => {
    const cli = startCli(['--port', '0', '--data', dataDir, '--quiet']);
    try {
      const url = (await cli.printed(/Local cloud at (http:\/\/127\.0\.0\.1:\d+)/))[1];
      expect((await fetch(`${url}/_/health`)).status).toBe(200);
      const answer = (await (
        await fetch(`${url}/functions/whoami`, {
          method: 'POST',
          headers: { 'x-wx-openid': 'o-cli' },
          body: '{}',
        })
      ).json()) as { pid: number; before: { OPENID: string } };
      expect(answer.before.OPENID).toBe('o-cli');
      expect(processExists(answer.pid)).toBe(true);

      const exited = exitOf(cli.child);
      cli.child.kill('SIGTERM');
      expect(await exited).toBe(0);
      // The local cloud exits only once its instances' processes have exited: none is left behind.
      expect(processExists(answer.pid)).toBe(false);
      expect(cli.output().stderr).toBe('');
    } finally {
      if (cli.child.exitCode === null) cli.child.kill('SIGKILL');
    }
  });
});
