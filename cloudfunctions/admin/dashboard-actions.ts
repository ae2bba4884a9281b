/** The workspace's 工作台: the overview the worker keeps, and one product's funnel by day. */
import { z } from 'zod';
import type { DashboardActions } from '../../types/merchant-dashboard';
import type { ActionTable } from '../common/runtime/action-router';
import { dashboardOverview, productTrend } from '../common/services/dashboard-service';
import { idSchema } from '../common/validation/fields';

const none = z.object({}) as unknown as z.ZodType<Record<string, never>>;

export function dashboardActions(): Pick<ActionTable<'admin'>, keyof DashboardActions> {
  return {
    'dashboard.overview': { schema: none, run: (_, { now }) => dashboardOverview(now) },
    'dashboard.product': {
      schema: z.object({ productId: idSchema }),
      fieldCodes: { productId: 'PRODUCT_NOT_FOUND' },
      run: ({ productId }, { now }) => productTrend(productId, now),
    },
  };
}
