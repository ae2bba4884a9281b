/**
 * The built functions of a folder: <folder>/<name>/{index.js, config.json}. Looked up on demand
 * so a function built after the local cloud started is found without a restart.
 */
import fs from 'node:fs';
import path from 'node:path';

/** The cloud's default when config.json names no timeout. */
export const DEFAULT_TIMEOUT_SECONDS = 3;

export interface TimerTriggerConfig {
  name: string;
  /** WeChat's 7-field cron: second minute hour day month weekday year, in UTC+8. */
  cron: string;
}

export interface FunctionSpec {
  name: string;
  folder: string;
  entryFile: string;
  timeoutMs: number;
  timers: TimerTriggerConfig[];
  /**
   * The cloud calls config.json declares (`permissions.openapi`, e.g. `cloudPay.unifiedOrder`,
   * `wxaSecOrder.uploadShippingInfo`); any other cloud call fails with -604101, as in the cloud.
   */
  openapiPermissions: readonly string[];
  /** Changes whenever index.js or config.json is rebuilt; instances of an older version are retired. */
  version: string;
}

const FUNCTION_NAME = /^[A-Za-z][A-Za-z0-9_-]{0,59}$/;

export function isFunctionName(name: string): boolean {
  return FUNCTION_NAME.test(name);
}

export class FunctionCatalog {
  /** Parsed builds by name: config.json is read again only when a file changed. */
  private readonly cache = new Map<string, FunctionSpec>();

  constructor(readonly functionsDir: string | undefined) {}

  /** The function's current build, or undefined when there is none. */
  find(name: string): FunctionSpec | undefined {
    if (!this.functionsDir || !isFunctionName(name)) return undefined;
    const folder = path.join(this.functionsDir, name);
    const entryFile = path.join(folder, 'index.js');
    const entryStat = statOrUndefined(entryFile);
    if (!entryStat?.isFile()) return undefined;
    const configFile = path.join(folder, 'config.json');
    const configStat = statOrUndefined(configFile);
    const version = `${entryStat.mtimeMs}:${entryStat.size}:${configStat?.mtimeMs ?? 0}:${configStat?.size ?? 0}`;
    const cached = this.cache.get(name);
    if (cached?.version === version) return cached;
    const config = configStat ? readConfig(configFile) : {};
    const spec: FunctionSpec = {
      name,
      folder,
      entryFile,
      timeoutMs: Math.round((config.timeout ?? DEFAULT_TIMEOUT_SECONDS) * 1000),
      timers: config.timers ?? [],
      openapiPermissions: config.openapiPermissions ?? [],
      version,
    };
    this.cache.set(name, spec);
    return spec;
  }

  /** Names of the folders that may hold a function (find() decides whether one does). */
  names(): string[] {
    if (!this.functionsDir) return [];
    try {
      return fs.readdirSync(this.functionsDir).filter(isFunctionName).sort();
    } catch {
      return [];
    }
  }
}

interface ParsedConfig {
  timeout?: number;
  timers?: TimerTriggerConfig[];
  openapiPermissions?: string[];
}

/**
 * Reads WeChat's config.json: { timeout, permissions: { openapi: [...] }, triggers: [{ name, type: 'timer',
 * config }] }.
 */
export function parseFunctionConfig(text: string, source: string): ParsedConfig {
  const raw: unknown = JSON.parse(text);
  if (typeof raw !== 'object' || raw === null) throw new Error(`${source}: not a JSON object`);
  const record = raw as Record<string, unknown>;
  const parsed: ParsedConfig = {};
  if (record.timeout !== undefined) {
    if (typeof record.timeout !== 'number' || !(record.timeout > 0))
      throw new Error(`${source}: timeout must be a positive number of seconds`);
    parsed.timeout = record.timeout;
  }
  if (record.permissions !== undefined) {
    const openapi = (record.permissions as { openapi?: unknown } | null)?.openapi;
    if (
      openapi !== undefined &&
      (!Array.isArray(openapi) || !openapi.every((name): name is string => typeof name === 'string'))
    )
      throw new Error(`${source}: permissions.openapi must be a list of cloud call names`);
    parsed.openapiPermissions = openapi ?? [];
  }
  if (Array.isArray(record.triggers)) {
    parsed.timers = [];
    for (const trigger of record.triggers as unknown[]) {
      if (typeof trigger !== 'object' || trigger === null) continue;
      const { name, type, config } = trigger as Record<string, unknown>;
      if (type !== 'timer') continue;
      if (typeof name !== 'string' || typeof config !== 'string')
        throw new Error(`${source}: a timer trigger needs a name and a config`);
      parsed.timers.push({ name, cron: config });
    }
  }
  return parsed;
}

function readConfig(file: string): ParsedConfig {
  return parseFunctionConfig(fs.readFileSync(file, 'utf8'), file);
}

function statOrUndefined(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}
