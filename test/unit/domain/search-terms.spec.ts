/** Search terms of a product and of a keyword: what makes a keyword find a product through an index. */
import {
  alternativesOf,
  keywordParts,
  MAX_TERMS,
  normalizeText,
  productSearchTerms,
} from '../../../cloudfunctions/common/domain/search-terms';
import { initialsOf, segmentWords } from '../../../cloudfunctions/common/search/segmenter';

const DIAPERS = { title: '超薄透气婴儿纸尿裤', tags: ['热卖'], specs: [{ values: ['S', 'M'] }] };

/** What the database does with `terms: all(grams)` (or the initials), for every part of the keyword. */
function finds(terms: string[], keyword: string, synonyms: string[][] = []): boolean {
  const parts = keywordParts(keyword);
  return (
    parts.length > 0 &&
    parts.every((part) =>
      alternativesOf(part, synonyms).some(
        (alt) =>
          alt.grams.every((g) => terms.includes(g)) ||
          (alt.initials !== undefined && terms.includes(alt.initials)),
      ),
    )
  );
}

test('a product is found by its words, any part of its title, its category and pinyin initials', () => {
  const terms = productSearchTerms(DIAPERS, ['母婴', '喂养用品'], segmentWords, initialsOf);
  expect(terms).toEqual(expect.arrayContaining(['纸尿裤', '婴儿', 'znk', '母婴', 's']));
  for (const keyword of ['纸尿裤 婴儿', '婴儿纸尿裤', '尿裤', '透气', '母婴', 'znk', '热卖', '裤']) {
    expect({ keyword, found: finds(terms, keyword) }).toEqual({ keyword, found: true });
  }
  for (const keyword of ['纸尿裤 耳机', '耳机', 'xyz', '儿婴']) {
    expect({ keyword, found: finds(terms, keyword) }).toEqual({ keyword, found: false });
  }
});

test('synonyms widen a keyword part, letters are matched case- and width-insensitively', () => {
  const terms = productSearchTerms(DIAPERS, [], segmentWords, initialsOf);
  expect(finds(terms, '尿不湿')).toBe(false);
  expect(finds(terms, '尿不湿', [['纸尿裤', '尿不湿']])).toBe(true);
  const shirt = productSearchTerms(
    { title: '男士纯棉T恤', tags: [], specs: [] },
    [],
    segmentWords,
    initialsOf,
  );
  expect(finds(shirt, 'Ｔ恤')).toBe(true);
  expect(normalizeText('ＡＢＣ')).toBe('abc');
});

test('terms are bounded however long the copy, and punctuation never becomes a term', () => {
  const long = '超长标题'.repeat(200);
  const terms = productSearchTerms({ title: long, tags: ['!!!'], specs: [] }, [], segmentWords, initialsOf);
  expect(terms.length).toBeLessThanOrEqual(MAX_TERMS);
  expect(terms).not.toContain('!!!');
  expect(keywordParts('.*(')).toEqual([]);
  expect(keywordParts('a'.repeat(40)).flatMap((p) => p.grams).length).toBeLessThanOrEqual(40);
});
