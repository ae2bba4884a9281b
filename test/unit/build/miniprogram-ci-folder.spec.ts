/** miniprogram-ci's calls run from a temporary folder, so its cache folders are not left in the repository. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inTemporaryFolder } from '../../../scripts/lib/miniprogram-ci-folder';

describe('inTemporaryFolder', () => {
  it('runs the call from an empty folder outside the current one and removes it with what it holds', async () => {
    const before = process.cwd();
    const seen = await inTemporaryFolder(async () => {
      const folder = process.cwd();
      // What miniprogram-ci does: a cache folder relative to the current directory.
      fs.mkdirSync('83ddb23e629c00ea1cb76196ba271b55');
      return { folder, entries: fs.readdirSync(folder) };
    });
    expect(process.cwd()).toBe(before);
    expect(fs.realpathSync(path.dirname(seen.folder))).toBe(fs.realpathSync(os.tmpdir()));
    expect(seen.entries).toEqual(['83ddb23e629c00ea1cb76196ba271b55']);
    expect(fs.existsSync(seen.folder)).toBe(false);
    expect(fs.existsSync(path.join(before, '83ddb23e629c00ea1cb76196ba271b55'))).toBe(false);
  });

  it('returns to the folder it started from and cleans up when the call fails', async () => {
    const before = process.cwd();
    let folder = '';
    await expect(
      inTemporaryFolder(async () => {
        folder = process.cwd();
        throw new Error('compile failed');
      }),
    ).rejects.toThrow('compile failed');
    expect(process.cwd()).toBe(before);
    expect(fs.existsSync(folder)).toBe(false);
  });
});
