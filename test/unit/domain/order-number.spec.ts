import {
  chinaTimestamp,
  createOrderNumberGenerator,
  ORDER_NUMBER_PATTERN,
} from '../../../cloudfunctions/common/domain/order-number';

/** A deterministic uniform source (mulberry32). */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const T0 = Date.UTC(2025, 0, 31, 16, 30, 45, 123); // 2025-02-01 00:30:45.123 China time

describe('order numbers', () => {
  it('start with the China-time timestamp and fit WeChat Pay out_trade_no', () => {
    const next = createOrderNumberGenerator({ now: () => T0, random: seeded(1) });
    const no = next();
    expect(no.startsWith('20250201003045123')).toBe(true);
    expect(no).toMatch(ORDER_NUMBER_PATTERN);
    expect(no).toMatch(/^[0-9A-Za-z_-]{1,32}$/);
    expect(no.length).toBeLessThanOrEqual(32);
  });

  it('formats China time across a day boundary', () => {
    expect(chinaTimestamp(Date.UTC(2024, 11, 31, 15, 59, 59, 999))).toBe('20241231235959999');
    expect(chinaTimestamp(Date.UTC(2024, 11, 31, 16, 0, 0, 0))).toBe('20250101000000000');
  });

  it('sort by time across milliseconds whatever the random part', () => {
    let t = T0;
    const randoms = [0.999999, 0, 0.5, 0.999999, 0];
    let i = 0;
    const next = createOrderNumberGenerator({ now: () => t, random: () => randoms[i++ % randoms.length] });
    const a = next();
    t += 1;
    const b = next();
    t += 1000;
    const c = next();
    expect([c, a, b].sort()).toEqual([a, b, c]);
  });

  it('are unique and strictly increasing over 100k from one instant', () => {
    // The worst case: a frozen clock and a random source stuck at 0.
    const next = createOrderNumberGenerator({ now: () => T0, random: () => 0 });
    const seen = new Set<string>();
    let previous = '';
    let outOfOrder = 0;
    for (let i = 0; i < 100_000; i++) {
      const no = next();
      if (no <= previous) outOfOrder++;
      previous = no;
      seen.add(no);
    }
    expect(outOfOrder).toBe(0);
    expect(seen.size).toBe(100_000);
    expect(previous).toMatch(ORDER_NUMBER_PATTERN);
  });

  it('are unique over 100k across instances with a real clock sequence', () => {
    let t = T0;
    const clock = () => (t += 0.25); // four numbers per millisecond
    const a = createOrderNumberGenerator({ now: clock, random: seeded(7) });
    const b = createOrderNumberGenerator({ now: clock, random: seeded(8) });
    const seen = new Set<string>();
    for (let i = 0; i < 50_000; i++) {
      seen.add(a());
      seen.add(b());
    }
    expect(seen.size).toBe(100_000);
  });

  it('never go backwards when the clock does', () => {
    let t = T0;
    const next = createOrderNumberGenerator({ now: () => t, random: seeded(3) });
    const first = next();
    t -= 5000;
    const second = next();
    expect(second > first).toBe(true);
    expect(second.startsWith('20250201003045123')).toBe(true);
  });
});
