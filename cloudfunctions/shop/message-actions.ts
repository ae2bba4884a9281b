/** The shop's subscribe-message actions: the templates to ask for at payment, and what the buyer accepted. */
import { z } from 'zod';
import type { MessageActions } from '../../types/messages';
import type { ActionTable } from '../common/runtime/action-router';
import { messageTemplates, recordSubscriptions } from '../common/services/message-service';
import { subscribeToRestock } from '../common/services/restock-service';
import { idSchema } from '../common/validation/fields';

const none = z.object({}).strict() as unknown as z.ZodType<Record<string, never>>;

export function messageActions(): Pick<ActionTable<'shop'>, keyof MessageActions> {
  return {
    'message.templates': { schema: none, requiresBuyer: false, run: async () => messageTemplates() },
    'message.subscribe': {
      schema: z.object({ accepted: z.array(z.string().regex(/^[A-Za-z0-9_-]{1,64}$/)).max(3) }).strict(),
      run: ({ accepted }, { caller, now }) => recordSubscriptions(caller.openid, accepted, now),
    },
    'restock.subscribe': {
      schema: z.object({ skuId: idSchema }).strict(),
      fieldCodes: { skuId: 'SKU_NOT_FOUND' },
      run: ({ skuId }, { caller, now }) => subscribeToRestock(caller.openid, skuId, now),
    },
  };
}
