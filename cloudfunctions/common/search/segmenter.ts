/**
 * The Chinese word segmenter and pinyin initials the search terms are computed with: jieba (as WebAssembly,
 * the same on every platform) in its search-engine mode, and pinyin-pro. Loaded where products are indexed
 * (the seed, product saving), never by the functions that only query: the shop function stays small.
 */
import { cut_for_search as cutForSearch } from 'jieba-wasm';
import { pinyin } from 'pinyin-pro';
import type { InitialsOf, Segmenter } from '../domain/search-terms';

export const segmentWords: Segmenter = (text) => cutForSearch(text, true);

export const initialsOf: InitialsOf = (word) =>
  pinyin(word, { pattern: 'first', toneType: 'none', type: 'array' }).join('');
