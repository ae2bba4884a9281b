/**
 * Opens many connections to one URL at the same moment, as many buyers' phones would: N function calls sent
 * at once with fetch (undici, keep-alive, its 10 s connect timeout), each ending answered (with its status),
 * reset by the server, timed out connecting, or another error. Used by the local cloud's load test and its
 * benchmark.
 */
export interface ConnectionTally {
  answered: number;
  /** Answers other than 200, by status. */
  statuses: Record<number, number>;
  reset: number;
  otherErrors: number;
  /** Every failure by its code (ECONNRESET, UND_ERR_CONNECT_TIMEOUT, …). */
  errors: Record<string, number>;
  /** Milliseconds from the start to the first and the last answer. */
  firstMs: number;
  lastMs: number;
}

function codeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return cause?.code ?? cause?.message ?? (error instanceof Error ? error.message : String(error));
}

export async function openAtOnce(url: string, connections: number): Promise<ConnectionTally> {
  const tally: ConnectionTally = {
    answered: 0,
    statuses: {},
    reset: 0,
    otherErrors: 0,
    errors: {},
    firstMs: Number.POSITIVE_INFINITY,
    lastMs: 0,
  };
  const startedAt = performance.now();
  const one = async (i: number) => {
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': `o-storm-${i}` },
        body: JSON.stringify({ action: 'storm' }),
      });
      await response.arrayBuffer();
      const at = performance.now() - startedAt;
      tally.firstMs = Math.min(tally.firstMs, at);
      tally.lastMs = Math.max(tally.lastMs, at);
      if (response.status === 200) tally.answered += 1;
      else tally.statuses[response.status] = (tally.statuses[response.status] ?? 0) + 1;
    } catch (error) {
      const code = codeOf(error);
      if (code === 'ECONNRESET' || code === 'EPIPE' || code === 'UND_ERR_SOCKET') tally.reset += 1;
      else tally.otherErrors += 1;
      tally.errors[code] = (tally.errors[code] ?? 0) + 1;
    }
  };
  await Promise.all(Array.from({ length: connections }, (_, i) => one(i)));
  return tally;
}
