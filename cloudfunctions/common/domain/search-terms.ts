/**
 * Search terms: what a product is found by, computed once when it is saved and stored on it (`terms`), and
 * what a keyword asks for. A query then needs every one of its terms on a product (`terms` all), an indexed
 * array match instead of a regular-expression scan of every title.
 *
 * A product's terms are the words of its title, tags, categories and spec values (from a Chinese word
 * segmenter, injected so this stays pure), the pinyin initials of those words, and every single character
 * and pair of neighbouring characters of those texts. The characters and pairs let any keyword find what
 * contains it without knowing how the segmenter cut it: '婴儿纸尿裤' asks for 婴儿, 儿纸, 纸尿 and 尿裤.
 */

/** Cuts a text into words (the indexer passes jieba's search-engine mode). */
export type Segmenter = (text: string) => string[];
/** Pinyin initials of a word ('纸尿裤' → 'znk'), or '' when it has none. */
export type InitialsOf = (word: string) => string;

export interface SearchableProduct {
  title: string;
  tags: readonly string[];
  specs: ReadonlyArray<{ values: readonly string[] }>;
}

/** Bounded, so a product document never grows with its copy: a long title keeps its first terms. */
export const MAX_TERMS = 200;
/** A keyword asks for at most this many terms (the validation caps keywords at 40 characters). */
export const MAX_QUERY_TERMS = 40;

const HAN = /\p{Script=Han}/u;

/** Lower case, full-width letters and digits made half-width: 'Ｔ恤' and 't恤' are the same term. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Runs of letters, digits and Han characters: punctuation and spaces separate them. */
function runsOf(text: string): string[] {
  return normalizeText(text).match(/[\p{L}\p{N}]+/gu) ?? [];
}

/** Every character and every pair of neighbours of a run. */
function gramsOf(run: string): string[] {
  const chars = [...run];
  const grams: string[] = [];
  for (let i = 0; i < chars.length; i += 1) {
    grams.push(chars[i]);
    if (i + 1 < chars.length) grams.push(chars[i] + chars[i + 1]);
  }
  return grams;
}

/** The terms a product is found by; `categoryNames` are its top and second-level category names. */
export function productSearchTerms(
  product: SearchableProduct,
  categoryNames: readonly string[],
  segment: Segmenter,
  initialsOf: InitialsOf,
): string[] {
  const texts = [product.title, ...product.tags, ...categoryNames, ...product.specs.flatMap((d) => d.values)];
  const terms = new Set<string>();
  const add = (term: string) => {
    if (term.length > 0 && terms.size < MAX_TERMS) terms.add(term);
  };
  // Whole words first: when the cap bites, the words survive and the tail of the character pairs goes.
  for (const text of texts) {
    for (const word of segment(text).map(normalizeText)) {
      if (!/[\p{L}\p{N}]/u.test(word)) continue;
      add(word);
      if (HAN.test(word) && [...word].length >= 2) {
        const initials = normalizeText(initialsOf(word)).replace(/[^a-z]/g, '');
        if (initials.length >= 2) add(initials);
      }
    }
  }
  for (const text of texts) for (const run of runsOf(text)) gramsOf(run).forEach(add);
  return [...terms];
}

/**
 * What one word of a keyword asks for: its characters and pairs (every one must be on the product). A word of
 * latin letters may also be pinyin initials ('znk'), matched whole.
 */
export interface KeywordPart {
  /** The part as typed, normalized. */
  text: string;
  /** Terms a product must all carry. */
  grams: string[];
  /** Set for letters-only parts: a product carrying this one term matches too. */
  initials?: string;
}

/** Splits a keyword on spaces; every part must match (a product is found by '纸尿裤 婴儿'). */
export function keywordParts(keyword: string): KeywordPart[] {
  const parts: KeywordPart[] = [];
  let budget = MAX_QUERY_TERMS;
  for (const text of normalizeText(keyword).split(/\s+/).filter(Boolean)) {
    const runs = runsOf(text);
    if (runs.length === 0) continue;
    // Pairs alone imply their characters: a one-character run asks for the character itself.
    const grams = [
      ...new Set(
        runs.flatMap((run) => (run.length === 1 ? [run] : gramsOf(run).filter((g) => g.length === 2))),
      ),
    ].slice(0, Math.max(1, budget));
    budget -= grams.length;
    const lettersOnly = /^[a-z]+$/.test(text);
    parts.push({ text, grams, ...(lettersOnly && text.length >= 2 && { initials: text }) });
    if (budget <= 0) break;
  }
  return parts;
}

/**
 * Synonyms widen a part: any word of the part's group may stand for it ('尿不湿' finds 纸尿裤). Groups come
 * from the shop's settings; a part matches a group when it equals one of its words.
 */
export function alternativesOf(part: KeywordPart, synonyms: ReadonlyArray<readonly string[]>): KeywordPart[] {
  const group = synonyms.find((words) => words.some((word) => normalizeText(word) === part.text));
  if (!group) return [part];
  const others = group
    .map(normalizeText)
    .filter((word) => word !== part.text)
    .flatMap((word) => keywordParts(word).slice(0, 1));
  return [part, ...others];
}
