/** The buyer's profile actions: read it, and save the nickname and avatar from WeChat's fill-in. */
import { z } from 'zod';
import type { ProfileActions } from '../../types/profile';
import type { ActionTable } from '../common/runtime/action-router';
import { buyerProfile, updateProfile } from '../common/services/profile-service';
import { profileUpdateSchema } from '../common/validation/profile';

const none = z.object({}).strict() as unknown as z.ZodType<Record<string, never>>;

export function profileActions(): Pick<ActionTable<'shop'>, keyof ProfileActions> {
  return {
    'profile.get': { schema: none, run: (_request, { caller }) => buyerProfile(caller.openid) },
    'profile.update': {
      schema: profileUpdateSchema,
      run: (profile, { caller, now }) => updateProfile(caller.openid, profile, now),
    },
  };
}
