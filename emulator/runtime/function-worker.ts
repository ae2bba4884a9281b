/**
 * Entry of one function instance (a child process): loads the function's CommonJS file once, then runs one
 * invocation at a time, with the invocation's WX_* variables in process.env while it runs, because that is
 * where wx-server-sdk's getWXContext() reads them (as in the cloud's Node.js runtime).
 */
import {
  FUNCTION_ENTRY_ENV,
  type InvokeMessage,
  type RuntimeToWorkerMessage,
  type SerializedError,
  type WorkerToRuntimeMessage,
} from './worker-protocol';

type FunctionMain = (event: unknown, context: Record<string, unknown>) => unknown;

function send(message: WorkerToRuntimeMessage): void {
  process.send?.(message);
}

function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) return { name: error.name, message: error.message, stack: error.stack };
  if (typeof error === 'object' && error !== null) {
    // wx-server-sdk rejects with plain objects such as { errCode, errMsg }.
    const record = error as Record<string, unknown>;
    const message = typeof record.errMsg === 'string' ? record.errMsg : safeJson(error);
    return { name: 'Error', message };
  }
  return { name: 'Error', message: String(error) };
}

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

function loadMain(): FunctionMain {
  const entry = process.env[FUNCTION_ENTRY_ENV];
  if (!entry) throw new Error(`${FUNCTION_ENTRY_ENV} is not set`);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(entry) as { main?: unknown };
  if (typeof loaded.main !== 'function') throw new Error(`${entry} does not export a main function`);
  return loaded.main as FunctionMain;
}

/** Sets the invocation's variables and returns how to put the instance's own values back afterwards. */
function applyInvocationEnv(env: Record<string, string>): () => void {
  const previous = new Map<string, string | undefined>();
  for (const [key, value] of Object.entries(env)) {
    previous.set(key, process.env[key]);
    process.env[key] = value;
  }
  return () => {
    for (const [key, value] of previous) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  };
}

async function runInvocation(main: FunctionMain, message: InvokeMessage): Promise<void> {
  const deadline = Date.now() + message.context.time_limit_in_ms;
  const context: Record<string, unknown> = {
    ...message.context,
    callbackWaitsForEmptyEventLoop: false,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
  };
  const restoreEnv = applyInvocationEnv(message.env);
  let answer: WorkerToRuntimeMessage;
  try {
    const result = await main(message.event, context);
    // Answer what JSON keeps, as the cloud does; a value JSON cannot carry becomes an error, not a crash.
    const json = result === undefined ? undefined : JSON.stringify(result);
    answer = {
      type: 'result',
      invocationId: message.invocationId,
      ok: true,
      result: json === undefined ? null : JSON.parse(json),
    };
  } catch (error) {
    answer = { type: 'result', invocationId: message.invocationId, ok: false, error: serializeError(error) };
  } finally {
    restoreEnv();
  }
  send(answer);
}

function start(): void {
  let main: FunctionMain;
  try {
    main = loadMain();
  } catch (error) {
    send({ type: 'load-failed', error: serializeError(error) });
    process.exitCode = 1;
    process.disconnect?.();
    return;
  }
  process.on('message', (message: RuntimeToWorkerMessage) => {
    if (message.type === 'invoke') void runInvocation(main, message);
  });
  // The runtime going away must not leave orphan instances behind.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready' });
}

start();
