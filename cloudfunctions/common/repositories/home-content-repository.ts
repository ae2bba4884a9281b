/**
 * What the buyer's 首页 shows above the feed: one settings document (`_id: 'home'`) holding the merchant's
 * banners and notices (bounded by the form: 6 banners, 3 notices) and a copy of the top-level categories, so
 * the first screen reads it and the feed: 2 requests, fresh, on a cold instance as on a warm one.
 *
 * The copy is dropped by every category change (`categoriesVersion` moves with it) and rebuilt by the next
 * home read, which writes it only while the version it read still stands: a rebuild that read the categories
 * before a change can never put them back after it.
 */
import type { Category } from '../../../types/entities';
import type { HomeContent } from '../../../types/merchant-catalog';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, insertUnlessExists, updatedCount } from './query-helpers';

const HOME_ID = 'home';
const settings = () => db.collection(COLLECTIONS.settings);

interface StoredHome extends Partial<HomeContent> {
  /** The top-level categories in display order, absent until rebuilt after a change. */
  categories?: Category[];
  categoriesVersion?: number;
}

/** The home document as read, for the buyer's first screen. */
export interface HomeDocument {
  content: HomeContent;
  categories: Category[] | undefined;
  /** Absent when the document does not exist yet. */
  version: number | undefined;
}

function contentOf(stored: StoredHome | undefined): HomeContent {
  const content: HomeContent = {
    banners: Array.isArray(stored?.banners) ? stored.banners : [],
    notices: Array.isArray(stored?.notices) ? stored.notices : [],
  };
  if (typeof stored?.updatedAt === 'number') content.updatedAt = stored.updatedAt;
  return content;
}

async function readStored(): Promise<StoredHome | undefined> {
  const answer = await settings().where({ _id: HOME_ID }).limit(1).get();
  return documentsOf<StoredHome>(answer)[0];
}

/** The merchant's banners and notices (the workspace, the audit log). */
export async function readHomeContent(): Promise<HomeContent> {
  return contentOf(await readStored());
}

/** One request: banners, notices and the categories copy when there is one. */
export async function readHomeDocument(): Promise<HomeDocument> {
  const stored = await readStored();
  return {
    content: contentOf(stored),
    categories: Array.isArray(stored?.categories) ? stored.categories : undefined,
    version: stored ? (stored.categoriesVersion ?? 0) : undefined,
  };
}

/** Banners and notices replaced; the categories copy is left as it is. */
export async function saveHomeContent(content: HomeContent): Promise<void> {
  const data = { banners: content.banners, notices: content.notices, updatedAt: content.updatedAt };
  if (updatedCount(await settings().where({ _id: HOME_ID }).update({ data })) > 0) return;
  if ((await insertUnlessExists(settings(), { _id: HOME_ID, ...data, categoriesVersion: 0 })) === 'EXISTS')
    await settings().where({ _id: HOME_ID }).update({ data });
}

/**
 * After a category change: the copy goes and the version moves. Creates the document when it is missing, so a
 * rebuild racing the change finds the document taken and writes nothing.
 */
export async function dropHomeCategories(): Promise<void> {
  const drop = () =>
    settings()
      .where({ _id: HOME_ID })
      .update({ data: { categories: command.remove(), categoriesVersion: command.inc(1) } });
  if (updatedCount(await drop()) > 0) return;
  const fresh = { _id: HOME_ID, banners: [], notices: [], categoriesVersion: 1 };
  if ((await insertUnlessExists(settings(), fresh)) === 'EXISTS') await drop();
}

/** Stores the rebuilt copy only while `version` (what the reader saw) still stands. */
export async function storeHomeCategories(
  version: number | undefined,
  categories: Category[],
): Promise<void> {
  if (version === undefined) {
    await insertUnlessExists(settings(), {
      _id: HOME_ID,
      banners: [],
      notices: [],
      categories,
      categoriesVersion: 0,
    });
    return;
  }
  const unchanged = version === 0 ? command.in([0, null]) : version;
  await settings().where({ _id: HOME_ID, categoriesVersion: unchanged }).update({ data: { categories } });
}
