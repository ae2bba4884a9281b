import {
  contentSimilarity,
  prepareProfile,
  priceCloseness,
  type ContentProfile,
} from '../../../cloudfunctions/common/domain/content-similarity';
import {
  blendFor,
  cooccurrenceShare,
  EVIDENCE_HALF_WEIGHT,
} from '../../../cloudfunctions/common/domain/recommendation-blend';
import type { PairScores } from '../../../cloudfunctions/common/domain/recommendations';

function profile(
  _id: string,
  categoryPath: string[],
  terms: string[],
  minPrice: number,
  tags: string[] = [],
): ContentProfile {
  return { _id, categoryPath, tags, terms, minPrice };
}

const similarity = (a: ContentProfile, b: ContentProfile) =>
  contentSimilarity(prepareProfile(a), prepareProfile(b));

const diaper = profile('diaper', ['c05', 'c0501'], ['婴儿', '纸尿裤', '超薄', '尿', '裤'], 8900, ['热卖']);
const pants = profile('pants', ['c05', 'c0501'], ['婴儿', '拉拉裤', '超薄', '裤'], 9900, ['热卖']);
const wipes = profile('wipes', ['c05', 'c0502'], ['婴儿', '湿巾'], 2900);
const jeans = profile('jeans', ['c01', 'c0102'], ['牛仔裤', '直筒', '裤'], 8900);

function scores(rows: Record<string, Record<string, number>>): PairScores {
  return new Map(Object.entries(rows).map(([a, row]) => [a, new Map(Object.entries(row))]));
}

describe('contentSimilarity', () => {
  it('ranks a product of the same category with shared words above one of the same top category, and both above another department', () => {
    expect(similarity(diaper, pants)).toBeGreaterThan(similarity(diaper, wipes));
    expect(similarity(diaper, wipes)).toBeGreaterThan(similarity(diaper, jeans));
  });

  it('is symmetric and at most 1 (a product against itself)', () => {
    expect(similarity(diaper, pants)).toBeCloseTo(similarity(pants, diaper), 10);
    expect(similarity(diaper, diaper)).toBeCloseTo(1, 10);
  });

  it('ignores single characters: sharing 裤 alone does not make jeans like diapers', () => {
    const onlyChar = profile('x', ['c09', 'c0901'], ['裤'], 1_000_000);
    expect(similarity(diaper, onlyChar)).toBe(0);
  });

  it('treats prices on a log scale: double the price is closer than eight times', () => {
    expect(priceCloseness(1000, 1000)).toBe(1);
    expect(priceCloseness(1000, 2000)).toBeGreaterThan(priceCloseness(1000, 8000));
    expect(priceCloseness(1000, 8000)).toBe(0);
    expect(priceCloseness(0, 1000)).toBe(0);
  });
});

describe('blendFor', () => {
  const all = () => true;
  const noSales = new Map<string, number>();

  it('gives a product nobody bought with anything the products like it (content alone), never itself', () => {
    const ranked = blendFor(diaper, 'diaper', new Map(), [diaper, jeans, wipes, pants], all, noSales);
    expect(ranked[0]).toBe('pants');
    expect(ranked).not.toContain('diaper');
    // Jeans share nothing but a price: below the content threshold, left for the best sellers to fill.
    expect(ranked).not.toContain('jeans');
  });

  it('lets strong co-occurrence lead: many buyers who bought diapers with jeans put jeans first', () => {
    const evidence = scores({ diaper: { jeans: 100 } });
    const ranked = blendFor(diaper, 'diaper', evidence, [pants, wipes], all, noSales);
    expect(ranked[0]).toBe('jeans');
    expect(ranked).toContain('pants');
  });

  it('lets content lead while co-occurrence is thin: one viewer pairing diapers with jeans is outweighed', () => {
    const evidence = scores({ diaper: { jeans: 1 } });
    const ranked = blendFor(diaper, 'diaper', evidence, [pants, wipes], all, noSales);
    expect(ranked.indexOf('pants')).toBeLessThan(ranked.indexOf('jeans'));
  });

  it('weighs both sources equally at EVIDENCE_HALF_WEIGHT and never recommends ineligible products', () => {
    expect(cooccurrenceShare(0)).toBe(0);
    expect(cooccurrenceShare(EVIDENCE_HALF_WEIGHT)).toBe(0.5);
    const ranked = blendFor(
      diaper,
      'diaper',
      scores({ diaper: { jeans: 50 } }),
      [pants, wipes],
      (id) => id !== 'pants' && id !== 'jeans',
      noSales,
    );
    expect(ranked).toEqual(['wipes']);
  });

  it('without a profile of the anchor, ranks by co-occurrence alone, ties by sales', () => {
    const ranked = blendFor(
      undefined,
      'a',
      scores({ a: { b: 5, c: 5, d: 10 } }),
      [],
      all,
      new Map([
        ['c', 9],
        ['b', 1],
      ]),
    );
    expect(ranked).toEqual(['d', 'c', 'b']);
  });
});
