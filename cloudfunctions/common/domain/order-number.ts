/**
 * Order numbers: 'yyyyMMddHHmmssSSS' in China time, a 3-char base36 sequence and a 7-char base36 random part
 * (27 chars of [0-9a-z], within WeChat Pay's 32-char out_trade_no). They sort by creation time as strings.
 * Within one generator numbers strictly increase; across function instances the random part keeps them
 * apart (36^7 ≈ 7.8e10 values per millisecond and sequence).
 */

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const SEQUENCE_WIDTH = 3;
const SEQUENCE_LIMIT = 36 ** SEQUENCE_WIDTH;
const RANDOM_WIDTH = 7;

export const ORDER_NUMBER_PATTERN = /^\d{17}[0-9a-z]{10}$/;

export interface OrderNumberSources {
  now: () => number;
  /** Uniform in [0, 1), like Math.random; injected so tests are deterministic. */
  random: () => number;
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** 'yyyyMMddHHmmssSSS' of an instant in UTC+8 (China has no daylight saving time). */
export function chinaTimestamp(ms: number): string {
  const d = new Date(ms + CHINA_OFFSET_MS);
  return (
    pad(d.getUTCFullYear(), 4) +
    pad(d.getUTCMonth() + 1, 2) +
    pad(d.getUTCDate(), 2) +
    pad(d.getUTCHours(), 2) +
    pad(d.getUTCMinutes(), 2) +
    pad(d.getUTCSeconds(), 2) +
    pad(d.getUTCMilliseconds(), 3)
  );
}

function randomBase36(random: () => number, width: number): string {
  let out = '';
  for (let i = 0; i < width; i++) out += Math.min(35, Math.floor(random() * 36)).toString(36);
  return out;
}

/**
 * A generator of order numbers. A clock that steps back (NTP) is ignored: the last instant is kept, so
 * numbers never go backwards; a millisecond whose sequence is used up borrows the next one.
 */
export function createOrderNumberGenerator(sources: OrderNumberSources): () => string {
  let lastMs = -Infinity;
  let sequence = 0;
  return () => {
    const now = Math.floor(sources.now());
    if (now > lastMs) {
      lastMs = now;
      sequence = 0;
    } else if (++sequence >= SEQUENCE_LIMIT) {
      lastMs += 1;
      sequence = 0;
    }
    return (
      chinaTimestamp(lastMs) +
      sequence.toString(36).padStart(SEQUENCE_WIDTH, '0') +
      randomBase36(sources.random, RANDOM_WIDTH)
    );
  };
}
