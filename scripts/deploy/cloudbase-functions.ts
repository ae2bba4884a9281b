/**
 * Cloud functions through CloudBase's management API: a missing function is created with its runtime,
 * timeout, memory, environment variables, timer trigger and dependencies installed in the cloud; an existing
 * one gets its code, then its configuration, then its triggers brought to the plan.
 */
import type { ICloudFunction } from '@cloudbase/manager-node/types/interfaces';
import { DeployError } from './cli';
import { managementStep, type CloudBase } from './cloudbase';
import type { FunctionPlan } from './deploy-plan';
import type { Trigger } from './function-config';

export interface FunctionDeployment {
  plan: FunctionPlan;
  /** The built folder (index.js, package.json, config.json). */
  dir: string;
  /** The variables the configuration sets among plan.envNames. */
  variables: Record<string, string>;
}

export type FunctionOutcome = { name: string; action: 'created' | 'updated'; triggers: string[] };

/** SCF answers these when the function does not exist. */
const NOT_FOUND = /^ResourceNotFound/;

/** manager-node's description of a function, as the management API sends it. */
interface DeployedFunction {
  Runtime: string;
  Triggers?: { Type: string; TriggerName: string; TriggerDesc: string }[];
}

function cloudFunction(deployment: FunctionDeployment): ICloudFunction {
  const { plan } = deployment;
  return {
    name: plan.name,
    handler: 'index.main',
    runtime: plan.runtime,
    timeout: plan.timeout,
    memorySize: plan.memorySize,
    envVariables: deployment.variables,
    installDependency: true,
    // Source maps are for the local cloud's coverage and local stack traces, not the deployed package.
    ignore: ['node_modules', 'node_modules/**/*', '*.map'],
    triggers: plan.triggers,
  };
}

/** The cron of a deployed timer trigger: SCF describes it as `{"cron":"..."}`, or as the bare expression. */
export function deployedCron(desc: string): string {
  try {
    const parsed: unknown = JSON.parse(desc);
    if (typeof parsed === 'object' && parsed !== null && 'cron' in parsed) {
      return String((parsed as { cron: unknown }).cron);
    }
  } catch {
    // a bare cron expression
  }
  return desc;
}

/** What to do with triggers so the deployed ones are exactly the planned ones. */
export function triggerChanges(
  planned: readonly Trigger[],
  deployed: readonly { Type: string; TriggerName: string; TriggerDesc: string }[],
): { remove: string[]; create: Trigger[] } {
  const timers = deployed.filter((trigger) => trigger.Type === 'timer');
  const same = (trigger: Trigger) =>
    timers.some(
      (item) =>
        item.TriggerName === trigger.name && deployedCron(item.TriggerDesc).trim() === trigger.config.trim(),
    );
  return {
    remove: timers
      .filter((item) => !planned.some((trigger) => trigger.name === item.TriggerName && same(trigger)))
      .map((item) => item.TriggerName),
    create: planned.filter((trigger) => !same(trigger)),
  };
}

async function describe(
  manager: CloudBase,
  name: string,
  envId: string,
): Promise<DeployedFunction | undefined> {
  try {
    return (await manager.functions.getFunctionDetail(name)) as DeployedFunction;
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && NOT_FOUND.test(code)) return undefined;
    return managementStep(`reading function ${name}`, envId, () => Promise.reject(error));
  }
}

/** manager-node waits for a function to leave Creating/Updating before it changes it again. */
function waitActive(manager: CloudBase, name: string): Promise<void> {
  return (
    manager.functions as unknown as { waitFunctionActive(name: string): Promise<void> }
  ).waitFunctionActive(name);
}

export async function deployFunction(
  manager: CloudBase,
  deployment: FunctionDeployment,
  envId: string,
): Promise<FunctionOutcome> {
  const { plan, dir } = deployment;
  const func = cloudFunction(deployment);
  const existing = await describe(manager, plan.name, envId);
  if (!existing) {
    await managementStep(`creating function ${plan.name}`, envId, () =>
      manager.functions.createFunction({ func, functionPath: dir, deployMode: 'zip' }),
    );
    return { name: plan.name, action: 'created', triggers: plan.triggers.map((item) => item.name) };
  }
  if (existing.Runtime !== plan.runtime) {
    throw new DeployError(
      `function ${plan.name} exists with runtime ${existing.Runtime}, the plan says ${plan.runtime}, and a function's runtime cannot be changed: delete ${plan.name} in the cloud console (云开发控制台 → 云函数) and deploy again`,
    );
  }
  await managementStep(`uploading the code of ${plan.name}`, envId, () =>
    manager.functions.updateFunctionCode({ func, functionPath: dir, deployMode: 'zip' }),
  );
  await managementStep(`waiting for ${plan.name} to install its dependencies`, envId, () =>
    waitActive(manager, plan.name),
  );
  // Triggers are left out here: manager-node would only warn when one cannot be created.
  const { triggers: _triggers, ...configuration } = func;
  await managementStep(`configuring ${plan.name}`, envId, () =>
    manager.functions.updateFunctionConfig(configuration),
  );
  const changes = triggerChanges(plan.triggers, existing.Triggers ?? []);
  for (const name of changes.remove) {
    await managementStep(`removing trigger ${name} of ${plan.name}`, envId, () =>
      manager.functions.deleteFunctionTrigger(plan.name, name),
    );
  }
  if (changes.create.length > 0) {
    await managementStep(`creating the trigger of ${plan.name}`, envId, () =>
      manager.functions.createFunctionTriggers(plan.name, changes.create),
    );
  }
  return { name: plan.name, action: 'updated', triggers: changes.create.map((item) => item.name) };
}
