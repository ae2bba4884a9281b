/**
 * The flow shared by `npm run upload` and `npm run preview`: configuration, build, WeChat's compiler check
 * (all offline), then the one network step. The project handed to miniprogram-ci is dist/weapp, not the
 * repository root: Taro writes a project.config.json there with miniprogramRoot "./", and miniprogram-ci
 * walks every file under the project path, which at the root would include secrets/, the local cloud's
 * data and the build outputs of other targets.
 */
import fs from 'node:fs';
import path from 'node:path';
import { inTemporaryFolder } from '../lib/miniprogram-ci-folder';
import { REPOSITORY_ROOT, type ShopConfig } from '../lib/shop-config';
import { parseFlags, relativeToCwd, requireShopConfig, runCommand, say } from './cli';
import { callWeChat, loadCi, openProject, type Ci, type CiProject } from './wechat-ci';
import { checkPackage, packageVersion, preparePackage, releaseDescription } from './weapp-package';

export const PREVIEW_QRCODE = path.join(REPOSITORY_ROOT, 'dist', 'preview-qrcode.jpg');

interface Release {
  version: string;
  desc: string;
  robot: number;
}

interface PackageInfo {
  subPackageInfo?: { name: string; size: number }[];
}

function sizes(info: PackageInfo): string {
  const packages = info.subPackageInfo ?? [];
  if (packages.length === 0) return '';
  return packages
    .map((item) => `${item.name === '__FULL__' ? 'total' : item.name} ${(item.size / 1024).toFixed(0)} KB`)
    .join(', ');
}

async function sendUpload(ci: Ci, project: CiProject, config: ShopConfig, release: Release): Promise<void> {
  const info = await callWeChat({ step: 'upload', appid: config.appid, envId: config.envId }, () =>
    inTemporaryFolder(() => ci.upload({ project, ...release, setting: { useProjectConfig: true } })),
  );
  say(
    `✓ uploaded version ${release.version} as robot ${release.robot}${sizes(info) ? `: ${sizes(info)}` : ''}`,
  );
  say(
    '  Next, in mp.weixin.qq.com → 管理 → 版本管理: choose it as 体验版 to test, then 提交审核, then 发布.',
  );
}

async function sendPreview(ci: Ci, project: CiProject, config: ShopConfig, release: Release): Promise<void> {
  fs.mkdirSync(path.dirname(PREVIEW_QRCODE), { recursive: true });
  const info = await callWeChat({ step: 'preview', appid: config.appid, envId: config.envId }, () =>
    inTemporaryFolder(() =>
      ci.preview({
        project,
        ...release,
        setting: { useProjectConfig: true },
        qrcodeFormat: 'image',
        qrcodeOutputDest: PREVIEW_QRCODE,
      }),
    ),
  );
  say(
    `✓ preview ready${sizes(info) ? ` (${sizes(info)})` : ''}: scan ${relativeToCwd(PREVIEW_QRCODE)} with WeChat`,
  );
}

export function runRelease(kind: 'upload' | 'preview'): void {
  runCommand(async (argv) => {
    const flags = parseFlags(argv, ['--config', '--dry-run', '--verbose', '--skip-build', '--weapp-dir']);
    const config = requireShopConfig(flags);
    say(`✓ configuration ${relativeToCwd(config.file)}`);
    const dir = preparePackage(config, flags);
    await checkPackage(dir, flags.verbose);
    const release: Release = { version: packageVersion(), desc: releaseDescription(), robot: config.robot };
    say(
      `  version ${release.version}, description "${release.desc}", robot ${release.robot}, AppID ${config.appid}`,
    );
    if (flags.dryRun) {
      say(`✓ dry run: stopped before the ${kind} to WeChat`);
      return;
    }
    const ci = await loadCi(flags.verbose);
    const project = openProject(ci, {
      projectPath: dir,
      appid: config.appid,
      privateKeyPath: config.ciPrivateKeyPath,
    });
    if (kind === 'upload') await sendUpload(ci, project, config, release);
    else await sendPreview(ci, project, config, release);
  });
}
