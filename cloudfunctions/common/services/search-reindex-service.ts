/**
 * The worker's `reindexRenamedCategories`: a renamed category's products get search terms with the new name,
 * a page at a time within a time budget, from a cursor kept in the category's reindex document, so the work
 * spreads over runs however many products the category holds. Terms are computed from the names the
 * categories have when the page is read, and a rename during a pass starts the pass over: once a pass ends
 * with its token unchanged, every product carries the category's last name.
 */
import { performance } from 'node:perf_hooks';
import type { EpochMs } from '../../../types/entities';
import { listCategories } from '../repositories/catalog-repository';
import {
  advanceReindex,
  claimReindex,
  findPendingReindexes,
  findProductsToReindex,
  finishReindex,
  readReindex,
  releaseReindex,
  saveProductTerms,
} from '../repositories/search-reindex-repository';
import { categoryNamesOf, searchTermsOf } from './product-search-terms';

/** Products re-indexed per step: one read, then one write each. */
export const REINDEX_PAGE = 50;
/** Renamed categories looked at per run, oldest rename first. */
const CATEGORIES_PER_RUN = 10;
/** Longer than any worker run (60 s timeout): a run that died hands its pass on when this passes. */
const LEASE_MS = 90_000;
export const REINDEX_BUDGET_MS = 10_000;

export interface ReindexReport {
  /** Categories whose pass ended in this run. */
  finished: string[];
  /** Products whose terms this run wrote. */
  products: number;
  /** Categories still owed a pass (or the rest of one), as far as this run looked. */
  owed: number;
}

/** One category's pass, from its cursor, until it ends or the budget is spent; true when it ended. */
async function reindexCategory(
  categoryId: string,
  spent: () => boolean,
  report: ReindexReport,
): Promise<boolean> {
  for (let step = 0; step === 0 || !spent(); step += 1) {
    const job = await readReindex(categoryId);
    if (!job) return true;
    const page = await findProductsToReindex(categoryId, job.cursor, REINDEX_PAGE);
    if (page.length > 0) {
      const categories = new Map((await listCategories(false)).map((category) => [category._id, category]));
      for (const product of page) {
        const terms = await searchTermsOf(product, categoryNamesOf(product.categoryPath, categories));
        await saveProductTerms(product._id, terms);
      }
      report.products += page.length;
    }
    // Either write fails when a rename came meanwhile: the next step reads the reset pass and starts over.
    if (page.length === REINDEX_PAGE) {
      await advanceReindex(categoryId, job.token, page[page.length - 1]._id);
      continue;
    }
    if (await finishReindex(categoryId, job.token)) return true;
  }
  return false;
}

export async function reindexRenamedCategories(
  now: EpochMs,
  budget: { ms: number } = { ms: REINDEX_BUDGET_MS },
): Promise<ReindexReport> {
  const started = performance.now();
  const spent = () => performance.now() - started > budget.ms;
  const pending = await findPendingReindexes(CATEGORIES_PER_RUN);
  const report: ReindexReport = { finished: [], products: 0, owed: 0 };
  for (const job of pending) {
    if (spent() && report.products > 0) {
      report.owed += 1;
      continue;
    }
    // Another run holds this pass: it is still owed, by that run.
    if (!(await claimReindex(job._id, now, LEASE_MS))) {
      report.owed += 1;
      continue;
    }
    if (await reindexCategory(job._id, spent, report)) report.finished.push(job._id);
    else {
      report.owed += 1;
      await releaseReindex(job._id);
    }
  }
  return report;
}
