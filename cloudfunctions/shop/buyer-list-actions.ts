/** The shop's 收藏, 浏览记录 and 我的 actions: action → schema → service. */
import { z } from 'zod';
import type { BuyerListActions } from '../../types/buyer-lists';
import type { ActionTable } from '../common/runtime/action-router';
import { favoriteListSchema, favoriteProductSchema } from '../common/validation/buyer-lists';
import { addFavorite, dropFavorite, favoritePage } from '../common/services/favorite-service';
import {
  browsingHistory,
  clearBrowsingHistory,
  recordOpening,
} from '../common/services/browsing-history-service';
import { buyerOverview } from '../common/services/buyer-overview-service';

const none = z.object({}).strict() as unknown as z.ZodType<Record<string, never>>;
const PRODUCT_CODES = { productId: 'PRODUCT_NOT_FOUND' } as const;

export function buyerListActions(): Pick<ActionTable<'shop'>, keyof BuyerListActions> {
  return {
    'favorite.add': {
      schema: favoriteProductSchema,
      fieldCodes: PRODUCT_CODES,
      run: ({ productId }, { caller, now }) => addFavorite(caller.openid, productId, now),
    },
    'favorite.remove': {
      schema: favoriteProductSchema,
      fieldCodes: PRODUCT_CODES,
      run: ({ productId }, { caller }) => dropFavorite(caller.openid, productId),
    },
    'favorite.list': {
      schema: favoriteListSchema,
      run: ({ page }, { caller }) => favoritePage(caller.openid, page),
    },
    'history.record': {
      schema: favoriteProductSchema,
      fieldCodes: PRODUCT_CODES,
      run: ({ productId }, { caller, now }) => recordOpening(caller.openid, productId, now),
    },
    'history.list': { schema: none, run: (_request, { caller }) => browsingHistory(caller.openid) },
    'history.clear': {
      schema: none,
      run: (_request, { caller, now }) => clearBrowsingHistory(caller.openid, now),
    },
    'me.overview': { schema: none, run: (_request, { caller }) => buyerOverview(caller.openid) },
  };
}
