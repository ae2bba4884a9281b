/** The `shop` function: everything a buyer's mini program asks of the cloud. */
import { z } from 'zod';
import { routeActions } from '../common/runtime/action-router';
import { cloud } from '../common/cloud';

export const main = routeActions('shop', {
  ping: {
    schema: z.object({}).strict(),
    run: async (_request, { caller, now }) => ({
      openid: caller.openid,
      appid: caller.appid,
      env: String(cloud.getWXContext().ENV ?? ''),
      serverTime: now,
    }),
  },
});
