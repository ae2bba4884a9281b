/**
 * `npm run deploy:functions`: builds the cloud functions, checks them and the configuration offline, prints
 * what the cloud console must be given (environment variables, timeouts, HTTP access), then uploads each
 * function with miniprogram-ci (dependencies installed in the cloud) and creates its timer trigger.
 * `--dry-run` stops before the upload; `--only shop,worker` deploys some; `--skip-build` reuses dist/.
 */
import { REPOSITORY_ROOT, type ShopConfig } from '../lib/shop-config';
import {
  buildFunctions,
  CI_DEFAULT_TIMEOUT_SECONDS,
  readBuiltFunctions,
  type BuiltFunction,
} from './built-functions';
import {
  DeployError,
  parseFlags,
  relativeToCwd,
  requireShopConfig,
  runCommand,
  say,
  type Flags,
} from './cli';
import {
  environmentBytes,
  environmentLines,
  FUNCTION_ENV_LIMIT_BYTES,
  shopVariables,
  variablesOfBundle,
  type FunctionVariable,
} from './function-env';
import { callWeChat, loadCi, openProject } from './wechat-ci';

/** What createTimeTrigger answers when WeChat took the trigger; WeChat's refusal comes back as other text, not an error. */
const TRIGGER_CREATED = '创建定时触发器成功';

interface Plan {
  fn: BuiltFunction;
  variables: FunctionVariable[];
}

function choose(functions: BuiltFunction[], only: readonly string[] | undefined): BuiltFunction[] {
  if (!only) return functions;
  const unknown = only.filter((name) => !functions.some((fn) => fn.name === name));
  if (unknown.length > 0) {
    throw new DeployError(
      `--only: no function ${unknown.join(', ')} (built: ${functions.map((fn) => fn.name).join(', ')})`,
    );
  }
  return functions.filter((fn) => only.includes(fn.name));
}

function checkPlan(config: ShopConfig, plans: readonly Plan[], all: readonly BuiltFunction[]): void {
  for (const { fn, variables } of plans) {
    const bytes = environmentBytes(variables);
    if (bytes > FUNCTION_ENV_LIMIT_BYTES) {
      throw new DeployError(
        `${fn.name}: its environment variables take ${bytes} bytes, over the ${FUNCTION_ENV_LIMIT_BYTES} a cloud function allows; use the WeChat Pay public key (wechatpayPublicKeyId + wechatpayPublicKeyPath) instead of platform certificates`,
      );
    }
  }
  const payment = config.payment;
  if (payment.mode === 'cloudpay' && !all.some((fn) => fn.name === payment.callbackFunction)) {
    throw new DeployError(
      `payment.callbackFunction: no function named ${payment.callbackFunction} in dist/cloudfunctions (built: ${all.map((fn) => fn.name).join(', ')})`,
    );
  }
}

function printPlan(config: ShopConfig, plans: readonly Plan[], flags: Flags): void {
  say(
    `Cloud functions for environment ${config.envId} (AppID ${config.appid}), payment mode ${config.payment.mode}:`,
  );
  for (const { fn, variables } of plans) {
    const trigger = fn.triggers.map((item) => `${item.type} ${item.name} "${item.config}"`).join(', ');
    say(
      `  ${fn.name.padEnd(12)} ${(fn.bundleBytes / 1024).toFixed(1).padStart(7)} KB  timeout ${fn.timeoutSeconds} s  ` +
        `${variables.length} env variables (${environmentBytes(variables)} of ${FUNCTION_ENV_LIMIT_BYTES} bytes)` +
        (trigger ? `  ${trigger}` : ''),
    );
  }
  say('');
  say("miniprogram-ci cannot set a function's configuration. In the cloud console → 云函数 → <function> →");
  say('函数配置 → 编辑, set for each function (values from the configuration; PEMs on one line with "\\n"):');
  for (const { fn, variables } of plans) {
    say('');
    const timeoutNote =
      fn.timeoutSeconds === CI_DEFAULT_TIMEOUT_SECONDS
        ? ''
        : ` (a new function starts with ${CI_DEFAULT_TIMEOUT_SECONDS} s)`;
    say(`  ${fn.name}: 超时时间 ${fn.timeoutSeconds} s${timeoutNote}; 环境变量:`);
    if (variables.length === 0) say('    (none)');
    for (const line of environmentLines(variables, flags.showSecrets)) say(`    ${line}`);
  }
  if (
    !flags.showSecrets &&
    plans.some(({ variables }) => variables.some((item) => item.secret || item.files))
  ) {
    say('');
    say(
      '  Values in <...> come from files or are secret: run with --show-secrets to print them for copying.',
    );
  }
  if (config.payment.mode === 'wechatpay-v3') {
    const notifyPath = new URL(config.payment.notifyUrl).pathname;
    say('');
    say(
      `  HTTP access for WeChat Pay notifications: 云开发控制台 → HTTP 访问服务 → 新建 → 路径 ${notifyPath} →`,
    );
    say(`  关联资源 云函数 payNotify; payment.notifyUrl (${config.payment.notifyUrl}) must reach it.`);
  }
  say('');
}

async function upload(config: ShopConfig, plans: readonly Plan[], verbose: boolean): Promise<string[]> {
  const ci = await loadCi(verbose);
  const project = openProject(ci, {
    projectPath: REPOSITORY_ROOT,
    appid: config.appid,
    privateKeyPath: config.ciPrivateKeyPath,
  });
  const warnings: string[] = [];
  for (const { fn } of plans) {
    say(`… uploading ${fn.name} (dependencies installed in the cloud; this takes a minute or two)`);
    const result = await callWeChat(
      { step: `upload of function ${fn.name}`, appid: config.appid, envId: config.envId },
      () =>
        ci.cloud.uploadFunction({
          project,
          env: config.envId,
          name: fn.name,
          path: fn.dir,
          remoteNpmInstall: true,
        }),
    );
    say(`✓ ${fn.name} deployed: ${result.filesCount} files, ${(result.packSize / 1024).toFixed(1)} KB`);
    const timers = fn.triggers.filter((trigger) => trigger.type === 'timer');
    if (timers.length === 0) continue;
    const answer = await callWeChat(
      { step: `timer trigger of ${fn.name}`, appid: config.appid, envId: config.envId },
      () =>
        ci.cloud.createTimeTrigger({
          project,
          envId: config.envId,
          functionName: fn.name,
          triggersConfig: timers,
        }),
    );
    if (answer === TRIGGER_CREATED) {
      say(`✓ ${fn.name}: timer trigger ${timers.map((item) => item.name).join(', ')} created`);
    } else {
      // miniprogram-ci turns every refusal into the same text, and a trigger that exists already is refused.
      warnings.push(
        `${fn.name}: WeChat did not create timer trigger ${timers.map((item) => `${item.name} "${item.config}"`).join(', ')} ` +
          `(usually because it exists from an earlier deploy): check 云函数 → ${fn.name} → 触发器`,
      );
    }
  }
  return warnings;
}

runCommand(async (argv) => {
  const flags = parseFlags(argv, [
    '--config',
    '--dry-run',
    '--verbose',
    '--skip-build',
    '--show-secrets',
    '--only',
  ]);
  const config = requireShopConfig(flags);
  say(`✓ configuration ${relativeToCwd(config.file)}`);
  if (!flags.skipBuild) buildFunctions();
  const all = readBuiltFunctions();
  const variables = shopVariables(config);
  const plans = choose(all, flags.only).map((fn) => ({
    fn,
    variables: variablesOfBundle(fn.bundle, variables),
  }));
  checkPlan(config, plans, all);
  printPlan(config, plans, flags);
  if (flags.dryRun) {
    say(`✓ dry run: stopped before uploading ${plans.length} function(s) to ${config.envId}`);
    return;
  }
  const warnings = await upload(config, plans, flags.verbose);
  for (const warning of warnings) say(`! ${warning}`);
  say(`✓ ${plans.length} function(s) deployed to ${config.envId}; set their configuration as listed above`);
});
