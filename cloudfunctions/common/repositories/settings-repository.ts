/**
 * The shop's settings documents. They change rarely (the merchant edits them), so an instance keeps what it
 * read for a few minutes: a search costs no extra database request on a warm instance.
 */
import type { SearchSettings } from '../../../types/entities';
import { db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf } from './query-helpers';

export const SETTINGS_TTL_MS = 5 * 60 * 1000;

const NO_SEARCH_SETTINGS: SearchSettings = { _id: 'search', synonyms: [], hotKeywords: [] };

let cached: { at: number; settings: SearchSettings } | undefined;

export async function readSearchSettings(now: number = Date.now()): Promise<SearchSettings> {
  if (cached && now - cached.at < SETTINGS_TTL_MS) return cached.settings;
  const answer = await db.collection(COLLECTIONS.settings).where({ _id: 'search' }).limit(1).get();
  const stored = documentsOf<Partial<SearchSettings>>(answer)[0];
  const settings: SearchSettings = {
    _id: 'search',
    synonyms: Array.isArray(stored?.synonyms) ? stored.synonyms : NO_SEARCH_SETTINGS.synonyms,
    hotKeywords: Array.isArray(stored?.hotKeywords) ? stored.hotKeywords : NO_SEARCH_SETTINGS.hotKeywords,
  };
  cached = { at: now, settings };
  return settings;
}
