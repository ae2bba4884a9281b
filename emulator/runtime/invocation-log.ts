/** The one line the local cloud prints per invocation. */

export interface InvocationLogEntry {
  functionName: string;
  /** event.action when the event has one: handlers dispatch on it, so it names what ran. */
  action?: string;
  trigger: string;
  /** False when no instance ran it (unknown function, failed start). */
  started: boolean;
  durationMs: number;
  cold: boolean;
  initMs: number;
  dbActions: string[];
  error?: string;
}

export function formatInvocationLine(entry: InvocationLogEntry): string {
  const name = entry.action ? `${entry.functionName}.${entry.action}` : entry.functionName;
  const start = entry.cold ? `cold(+${Math.round(entry.initMs)}ms start)` : 'warm';
  const run = entry.started ? `${entry.durationMs.toFixed(1)}ms ${start}` : 'not run';
  const db = entry.dbActions.length
    ? `db=${entry.dbActions.length} [${summarizeActions(entry.dbActions)}]`
    : 'db=0';
  const outcome = entry.error === undefined ? 'ok' : `error ${firstLine(entry.error)}`;
  return `[fn] ${name} ${run} ${db} via ${entry.trigger} ${outcome}`;
}

/** ["database.getDocument", "database.getDocument", "database.modifyDocument"] → "getDocument x2, modifyDocument". */
export function summarizeActions(actions: string[]): string {
  const counts = new Map<string, number>();
  for (const action of actions) {
    const short = action.startsWith('database.') ? action.slice('database.'.length) : action;
    counts.set(short, (counts.get(short) ?? 0) + 1);
  }
  return [...counts].map(([action, count]) => (count > 1 ? `${action} x${count}` : action)).join(', ');
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0];
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
