/** Flags of the deploy commands, and the check that a mini program build targets the configured environment. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DeployError, parseFlags } from '../../../scripts/deploy/cli';
import { builtForEnvironment } from '../../../scripts/deploy/weapp-package';

describe('parseFlags', () => {
  const accepted = ['--dry-run', '--only', '--config', '--weapp-dir'];

  it('reads booleans and values in both spellings', () => {
    const flags = parseFlags(['--dry-run', '--only', 'shop, worker', '--config=x.json'], accepted);
    expect(flags).toMatchObject({
      dryRun: true,
      only: ['shop', 'worker'],
      config: 'x.json',
      skipBuild: false,
    });
    expect(parseFlags(['--weapp-dir', 'out'], accepted).weappDir).toBe(path.resolve('out'));
  });

  it('refuses what the command does not take, and values left out', () => {
    expect(() => parseFlags(['--dryrun'], accepted)).toThrow(
      new DeployError('unknown option --dryrun (accepted: --dry-run --only --config --weapp-dir)'),
    );
    expect(() => parseFlags(['--only'], accepted)).toThrow('option --only needs a value');
  });
});

describe('builtForEnvironment', () => {
  it('finds the environment id compiled into the code as a string literal, and nothing looser', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-weapp-'));
    fs.mkdirSync(path.join(dir, 'pages'));
    fs.writeFileSync(
      path.join(dir, 'pages', 'common.js'),
      'o().cloud.init({env:"shop-prod-1a2b3c",traceUser:!0})',
    );
    fs.writeFileSync(path.join(dir, 'app.wxss'), '"other-env"');
    expect(builtForEnvironment(dir, 'shop-prod-1a2b3c')).toBe(true);
    expect(builtForEnvironment(dir, 'shop-prod')).toBe(false);
    expect(builtForEnvironment(dir, 'other-env')).toBe(false);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
