/**
 * `npm run cloud`: starts the local cloud on one port and runs until Ctrl-C.
 * Usage and flags: docs/local-cloud.md, or `npm run cloud -- --help`.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import {
  LOCAL_PAYMENT_MODES,
  PAY_CALLBACK_FUNCTION,
  PAY_NOTIFY_FUNCTION,
  startLocalCloud,
  type LocalCloud,
  type LocalCloudOptions,
  type LocalPaymentMode,
} from './server';

const ROOT = path.resolve(__dirname, '..');

const USAGE = `Usage: npm run cloud -- [options]

  --port <n>         port (default: PORT or 8080; 0 picks a free one)
  --host <address>   address to listen on (default 127.0.0.1; 0.0.0.0 for other devices)
  --data <dir>       data folder (default: SHOP_CLOUD_DATA or .cloud/)
  --reset            wipe the database before starting
  --seed <file>      JSON of { collection: documents[] } loaded into an empty database
                     (default emulator/seed/shop.json)
  --no-seed          start with an empty database
  --functions <dir>  built cloud functions (default: cloudfunctionRoot of project.config.json)
  --static <dir>     H5 build served at / (default dist/h5)
  --assets <dir>     files served at /assets/ (default emulator/seed/images)
  --env KEY=VALUE    environment variable for every function (repeatable)
  --appid <appid>    AppID of bridge calls without x-wx-appid
  --pay-mode <mode>  how functions pay the local WeChat Pay sandbox: sandbox (API v3, the default)
                     or cloudpay (cloud.cloudPay); see docs/payments.md
  --no-timers        do not fire timer triggers
  --test-clock       a clock moved by POST /_/clock/advance {"ms": n} (tests; timers fire only when moved)
  --quiet            no log lines
  --help             this text`;

interface CliOptions {
  options: LocalCloudOptions;
  help: boolean;
}

function parseCli(argv: string[], env: NodeJS.ProcessEnv): CliOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      data: { type: 'string' },
      reset: { type: 'boolean', default: false },
      seed: { type: 'string' },
      'no-seed': { type: 'boolean', default: false },
      functions: { type: 'string' },
      static: { type: 'string' },
      assets: { type: 'string' },
      env: { type: 'string', multiple: true },
      appid: { type: 'string' },
      'pay-mode': { type: 'string' },
      'no-timers': { type: 'boolean', default: false },
      'test-clock': { type: 'boolean', default: false },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const portText = values.port ?? env.PORT ?? '8080';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`invalid port "${portText}"`);
  const dataDir = path.resolve(values.data ?? env.SHOP_CLOUD_DATA ?? path.join(ROOT, '.cloud'));
  const functionEnv: Record<string, string> = {};
  for (const pair of values.env ?? []) {
    const equals = pair.indexOf('=');
    if (equals <= 0) throw new UsageError(`--env wants KEY=VALUE, got "${pair}"`);
    functionEnv[pair.slice(0, equals)] = pair.slice(equals + 1);
  }
  const paymentMode = values['pay-mode'] ?? 'sandbox';
  if (!isPaymentMode(paymentMode))
    throw new UsageError(`--pay-mode wants ${LOCAL_PAYMENT_MODES.join(' or ')}, got "${paymentMode}"`);
  return {
    help: values.help ?? false,
    options: {
      port,
      host: values.host,
      dataDir,
      reset: values.reset,
      seedFile: values['no-seed'] ? undefined : defaultSeed(values.seed),
      collectionsFile: declaredCollections(),
      functionsDir: path.resolve(values.functions ?? projectFunctionRoot()),
      staticDir: path.resolve(values.static ?? path.join(ROOT, 'dist/h5')),
      assetsDir: path.resolve(values.assets ?? path.join(ROOT, 'emulator/seed/images')),
      functionEnv,
      appId: values.appid,
      paymentMode,
      timers: !values['no-timers'],
      clock: values['test-clock'] ? 'test' : 'system',
      quiet: values.quiet,
    },
  };
}

class UsageError extends Error {}

/** Where WeChat DevTools finds the functions: `cloudfunctionRoot` of the project's project.config.json. */
function projectFunctionRoot(): string {
  const project: unknown = JSON.parse(fs.readFileSync(path.join(ROOT, 'project.config.json'), 'utf8'));
  const root = (project as { cloudfunctionRoot?: unknown }).cloudfunctionRoot;
  if (typeof root !== 'string' || root === '') {
    throw new UsageError('project.config.json names no cloudfunctionRoot: pass --functions <dir>');
  }
  return path.join(ROOT, root);
}

function isPaymentMode(value: string): value is LocalPaymentMode {
  return (LOCAL_PAYMENT_MODES as readonly string[]).includes(value);
}

/** Where payments go in the chosen mode, for the banner. */
function describePayments(cloud: LocalCloud): string {
  const results =
    cloud.paymentMode === 'cloudpay'
      ? `cloudPay, results to the ${PAY_CALLBACK_FUNCTION} function`
      : `API v3 at ${cloud.url}/v3, notifications to ${cloud.url}/http/${PAY_NOTIFY_FUNCTION}`;
  return `sandbox (${results}); transactions at ${cloud.url}/_/paysandbox/transactions`;
}

/** The collections the project declares for its cloud database, when it has the file. */
function declaredCollections(): string | undefined {
  const file = path.join(ROOT, 'database/collections.json');
  return fs.existsSync(file) ? file : undefined;
}

/** The seed named on the command line, else the shop's own seed when it has been generated. */
function defaultSeed(named: string | undefined): string | undefined {
  if (named) return path.resolve(named);
  const shop = path.join(ROOT, 'emulator/seed/shop.json');
  return fs.existsSync(shop) ? shop : undefined;
}

function describe(cloud: LocalCloud, options: LocalCloudOptions): string {
  const relative = (dir: string | undefined): string => {
    if (!dir) return '-';
    const shown = path.relative(process.cwd(), dir);
    return shown === '' ? '.' : shown.startsWith('..') ? dir : shown;
  };
  const functions = cloud.runtime.catalog.names().filter((name) => cloud.runtime.catalog.find(name));
  const hasShop = options.staticDir && fs.existsSync(path.join(options.staticDir, 'index.html'));
  const lines = [
    `Local cloud at ${cloud.url}`,
    `  shop (H5)   ${cloud.url}/${hasShop ? '' : `   (${relative(options.staticDir)} has no build yet: npm run build:h5)`}`,
    `  functions   ${relative(options.functionsDir)}: ${functions.length ? functions.join(', ') : '(none built yet: npm run build:cloud)'}`,
    `  timers      ${cloud.timers().join('; ') || '(none)'}`,
    `  payments    ${describePayments(cloud)}`,
    `  data        ${relative(options.dataDir)}`,
    `  SDK         TCB_CONTEXT_CNFG='{"URL":"${cloud.url}/admin"}'`,
    `  stats       ${cloud.url}/_/stats`,
  ];
  return lines.join('\n');
}

async function main(): Promise<void> {
  let parsed: CliOptions;
  try {
    parsed = parseCli(process.argv.slice(2), process.env);
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    process.exit(2);
  }
  if (parsed.help) {
    console.log(USAGE);
    return;
  }
  const { options } = parsed;
  let cloud: LocalCloud;
  try {
    cloud = await startLocalCloud(options);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(
        `Port ${options.port} is already in use (is a local cloud already running?). Stop it, or pick another port with --port or PORT.`,
      );
    } else if (code === 'EACCES') {
      console.error(
        `Not allowed to listen on port ${options.port}. Pick a port above 1023 with --port or PORT.`,
      );
    } else {
      console.error(
        `The local cloud could not start: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    process.exit(1);
  }
  console.log(describe(cloud, options));
  let stopping = false;
  const stop = (signal: NodeJS.Signals): void => {
    if (stopping) {
      // A second Ctrl-C does not wait for the clean stop.
      process.exit(130);
    }
    stopping = true;
    if (!options.quiet) console.log(`\n${signal}: stopping the local cloud…`);
    cloud.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(`Stopping failed: ${String(error)}`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
