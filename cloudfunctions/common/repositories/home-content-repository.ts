/**
 * What the buyer's 首页 shows above the categories (banners, notices): one settings document (`_id: 'home'`),
 * bounded by the form (6 banners, 3 notices). Home is the most read page, so an instance keeps what it read
 * for a short while: a merchant's change shows within HOME_CONTENT_TTL_MS.
 */
import type { HomeContent } from '../../../types/merchant-catalog';
import { db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf } from './query-helpers';

export const HOME_CONTENT_TTL_MS = 30 * 1000;
const HOME_ID = 'home';

let cached: { at: number; content: HomeContent } | undefined;

function contentOf(stored: Partial<HomeContent> | undefined): HomeContent {
  const content: HomeContent = {
    banners: Array.isArray(stored?.banners) ? stored.banners : [],
    notices: Array.isArray(stored?.notices) ? stored.notices : [],
  };
  if (typeof stored?.updatedAt === 'number') content.updatedAt = stored.updatedAt;
  return content;
}

/** Fresh from the database (the workspace). */
export async function readHomeContent(): Promise<HomeContent> {
  const answer = await db.collection(COLLECTIONS.settings).where({ _id: HOME_ID }).limit(1).get();
  return contentOf(documentsOf<Partial<HomeContent>>(answer)[0]);
}

/** What buyers see: at most HOME_CONTENT_TTL_MS old. */
export async function readCachedHomeContent(now: number): Promise<HomeContent> {
  if (cached && now - cached.at >= 0 && now - cached.at < HOME_CONTENT_TTL_MS) return cached.content;
  const content = await readHomeContent();
  cached = { at: now, content };
  return content;
}

/** Replaces the document as a whole (set creates it the first time). */
export async function saveHomeContent(content: HomeContent): Promise<void> {
  await db
    .collection(COLLECTIONS.settings)
    .doc(HOME_ID)
    .set({ data: { banners: content.banners, notices: content.notices, updatedAt: content.updatedAt } });
}
