/**
 * Counters of the local cloud, served at GET /_/stats: invocations per function and requests per /admin
 * action. Database round trips are what costs time and money in the cloud, so they are counted per function.
 */

export interface FunctionStats {
  invocations: number;
  coldStarts: number;
  errors: number;
  timeouts: number;
  /** Execution time of the invocations (without loading the function on cold starts). */
  totalMs: number;
  avgMs: number;
  maxMs: number;
  /** Time spent loading the function in new instances. */
  initMs: number;
  /** database.* requests made by the function's invocations. */
  dbRequests: number;
}

/** One function action (`shop.catalog.home`): what a page's call costs, worst case included. */
export interface CallStats {
  invocations: number;
  dbRequests: number;
  maxDbRequests: number;
}

export interface ActionStats {
  requests: number;
  errors: number;
  totalMs: number;
  avgMs: number;
}

export interface StatsSnapshot {
  since: string;
  totals: { invocations: number; errors: number; dbRequests: number; adminRequests: number };
  functions: Record<string, FunctionStats>;
  /** Every action sent to /admin (database.getDocument, functions.invokeFunction, ...). */
  actions: Record<string, ActionStats>;
  /** Invocations by function and event.action, with their database requests. */
  calls: Record<string, CallStats>;
}

export interface InvocationRecord {
  functionName: string;
  /** event.action, when the event has one. */
  action?: string;
  durationMs: number;
  initMs: number;
  cold: boolean;
  ok: boolean;
  timedOut: boolean;
  dbRequests: number;
}

export class CloudStats {
  private since = new Date();
  private functions = new Map<string, FunctionStats>();
  private actions = new Map<string, ActionStats>();
  private calls = new Map<string, CallStats>();

  recordInvocation(record: InvocationRecord): void {
    const stats = this.functionStats(record.functionName);
    stats.invocations += 1;
    if (record.cold) stats.coldStarts += 1;
    if (!record.ok) stats.errors += 1;
    if (record.timedOut) stats.timeouts += 1;
    stats.totalMs += record.durationMs;
    stats.maxMs = Math.max(stats.maxMs, record.durationMs);
    stats.initMs += record.initMs;
    stats.dbRequests += record.dbRequests;
    const key = record.action ? `${record.functionName}.${record.action}` : record.functionName;
    const call = this.calls.get(key) ?? { invocations: 0, dbRequests: 0, maxDbRequests: 0 };
    call.invocations += 1;
    call.dbRequests += record.dbRequests;
    call.maxDbRequests = Math.max(call.maxDbRequests, record.dbRequests);
    this.calls.set(key, call);
  }

  recordAdminRequest(action: string, durationMs: number, ok: boolean): void {
    let stats = this.actions.get(action);
    if (!stats) {
      stats = { requests: 0, errors: 0, totalMs: 0, avgMs: 0 };
      this.actions.set(action, stats);
    }
    stats.requests += 1;
    if (!ok) stats.errors += 1;
    stats.totalMs += durationMs;
  }

  snapshot(): StatsSnapshot {
    const functions: Record<string, FunctionStats> = {};
    const totals = { invocations: 0, errors: 0, dbRequests: 0, adminRequests: 0 };
    for (const [name, stats] of [...this.functions].sort(([a], [b]) => a.localeCompare(b))) {
      functions[name] = {
        ...stats,
        totalMs: round(stats.totalMs),
        maxMs: round(stats.maxMs),
        initMs: round(stats.initMs),
        avgMs: stats.invocations ? round(stats.totalMs / stats.invocations) : 0,
      };
      totals.invocations += stats.invocations;
      totals.errors += stats.errors;
    }
    const actions: Record<string, ActionStats> = {};
    for (const [action, stats] of [...this.actions].sort(([a], [b]) => a.localeCompare(b))) {
      actions[action] = {
        ...stats,
        totalMs: round(stats.totalMs),
        avgMs: stats.requests ? round(stats.totalMs / stats.requests) : 0,
      };
      totals.adminRequests += stats.requests;
      if (action.startsWith('database.')) totals.dbRequests += stats.requests;
    }
    const calls = Object.fromEntries(
      [...this.calls].sort(([a], [b]) => a.localeCompare(b)).map(([key, call]) => [key, { ...call }]),
    );
    return { since: this.since.toISOString(), totals, functions, actions, calls };
  }

  reset(): void {
    this.since = new Date();
    this.functions.clear();
    this.actions.clear();
    this.calls.clear();
  }

  private functionStats(name: string): FunctionStats {
    let stats = this.functions.get(name);
    if (!stats) {
      stats = {
        invocations: 0,
        coldStarts: 0,
        errors: 0,
        timeouts: 0,
        totalMs: 0,
        avgMs: 0,
        maxMs: 0,
        initMs: 0,
        dbRequests: 0,
      };
      this.functions.set(name, stats);
    }
    return stats;
  }
}

function round(value: number): number {
  return Math.round(value * 100) / 100;
}
