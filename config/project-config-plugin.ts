/**
 * Taro copies project.config.json into dist/weapp with miniprogramRoot rewritten to './' but leaves
 * cloudfunctionRoot relative to the repository root. Rewrite it so DevTools finds the built functions
 * whether it opens the repository root or dist/weapp.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { IPluginContext } from '@tarojs/service';

export default (ctx: IPluginContext): void => {
  ctx.onBuildComplete(() => {
    if (process.env.TARO_ENV !== 'weapp') return;
    const file = path.join(ctx.paths.outputPath, 'project.config.json');
    if (!fs.existsSync(file)) return;
    const config = JSON.parse(fs.readFileSync(file, 'utf8')) as Record<string, unknown>;
    config.miniprogramRoot = './';
    config.cloudfunctionRoot = '../cloudfunctions/';
    if ('srcMiniprogramRoot' in config) config.srcMiniprogramRoot = './';
    fs.writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  });
};
