/**
 * `npm run deploy:functions`: builds the cloud functions, checks them, the configuration and the API key
 * offline, then creates or updates each function through CloudBase's management API with its runtime,
 * timeout, memory, environment variables, timer trigger and dependencies installed in the cloud.
 * `--dry-run` stops before the network; `--only shop,worker` deploys some; `--skip-build` reuses dist/.
 */
import type { ShopConfig } from '../lib/shop-config';
import { buildFunctions, readBuiltFunctions, type BuiltFunction } from './built-functions';
import {
  DeployError,
  parseFlags,
  relativeToCwd,
  requireShopConfig,
  runCommand,
  say,
  type Flags,
} from './cli';
import { connectCloudBase, resolveApiKeyPair } from './cloudbase';
import { deployFunction, type FunctionDeployment } from './cloudbase-functions';
import {
  asEnvironment,
  environmentBytes,
  environmentLines,
  FUNCTION_ENV_LIMIT_BYTES,
  shopVariables,
  type FunctionVariable,
} from './function-env';

interface Deployment extends FunctionDeployment {
  built: BuiltFunction;
  list: FunctionVariable[];
}

function choose(functions: BuiltFunction[], only: readonly string[] | undefined): BuiltFunction[] {
  if (!only) return functions;
  const names = functions.map((fn) => fn.plan.name);
  const unknown = only.filter((name) => !names.includes(name));
  if (unknown.length > 0) {
    throw new DeployError(`--only: no function ${unknown.join(', ')} (built: ${names.join(', ')})`);
  }
  return functions.filter((fn) => only.includes(fn.plan.name));
}

function checkDeployments(
  config: ShopConfig,
  deployments: readonly Deployment[],
  all: readonly BuiltFunction[],
): void {
  for (const { plan, list } of deployments) {
    const bytes = environmentBytes(list);
    if (bytes > FUNCTION_ENV_LIMIT_BYTES) {
      throw new DeployError(
        `${plan.name}: its environment variables take ${bytes} bytes, over the ${FUNCTION_ENV_LIMIT_BYTES} a cloud function allows; use the WeChat Pay public key (wechatpayPublicKeyId + wechatpayPublicKeyPath) instead of platform certificates`,
      );
    }
  }
  const payment = config.payment;
  if (payment.mode === 'cloudpay' && !all.some((fn) => fn.plan.name === payment.callbackFunction)) {
    throw new DeployError(
      `payment.callbackFunction: no function named ${payment.callbackFunction} in dist/cloudfunctions (built: ${all.map((fn) => fn.plan.name).join(', ')})`,
    );
  }
}

function printDeployments(config: ShopConfig, deployments: readonly Deployment[], flags: Flags): void {
  say(
    `Cloud functions for environment ${config.envId} (${config.region}, AppID ${config.appid}), payment mode ${config.payment.mode}:`,
  );
  for (const { plan, built, list } of deployments) {
    const trigger = plan.triggers.map((item) => `timer ${item.name} "${item.config}"`).join(', ');
    say(
      `  ${plan.name.padEnd(12)} ${(built.bundleBytes / 1024).toFixed(1).padStart(7)} KB  ${plan.runtime}  ` +
        `timeout ${plan.timeout} s  ${plan.memorySize} MB  ` +
        `${list.length} env variables (${environmentBytes(list)} of ${FUNCTION_ENV_LIMIT_BYTES} bytes)` +
        (trigger ? `  ${trigger}` : ''),
    );
    for (const line of environmentLines(list, flags.showSecrets)) say(`      ${line}`);
  }
  if (config.payment.mode === 'wechatpay-v3') {
    const notifyPath = new URL(config.payment.notifyUrl).pathname;
    say('');
    say(
      `  Once, by hand: HTTP access for WeChat Pay notifications (云开发控制台 → HTTP 访问服务 → 新建 → 路径 ${notifyPath}`,
    );
    say(`  → 关联资源 云函数 payNotify); payment.notifyUrl (${config.payment.notifyUrl}) must reach it.`);
  }
  say('');
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
  const keys = resolveApiKeyPair(config);
  say(`✓ API key ${keys.secretId.slice(0, 8)}… from ${relativeToCwd(keys.source)}`);
  if (!flags.skipBuild) buildFunctions();
  const all = readBuiltFunctions();
  const variables = shopVariables(config);
  const deployments: Deployment[] = choose(all, flags.only).map((built) => {
    const list = variables.filter((variable) => built.plan.envNames.includes(variable.name));
    return { built, plan: built.plan, dir: built.dir, list, variables: asEnvironment(list) };
  });
  checkDeployments(config, deployments, all);
  printDeployments(config, deployments, flags);
  if (flags.dryRun) {
    say(`✓ dry run: stopped before deploying ${deployments.length} function(s) to ${config.envId}`);
    return;
  }
  const manager = await connectCloudBase(config, keys, flags.verbose);
  for (const deployment of deployments) {
    say(`… ${deployment.plan.name}: uploading (dependencies are installed in the cloud; a minute or two)`);
    const outcome = await deployFunction(manager, deployment, config.envId);
    const triggers = outcome.triggers.length > 0 ? `, trigger ${outcome.triggers.join(', ')}` : '';
    say(`✓ ${outcome.name} ${outcome.action}${triggers}`);
  }
  say(`✓ ${deployments.length} function(s) deployed to ${config.envId}`);
});
