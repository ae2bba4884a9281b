/** What profile.update accepts: a nickname WeChat's fill-in could give, and an avatar in this env's storage. */
import { z } from 'zod';
import { NICKNAME_MAX_LENGTH } from '../../../types/profile';

/** The environment the function runs in, as CloudBase names it to the function. */
function currentEnvId(): string {
  return process.env.TCB_ENV ?? process.env.SCF_NAMESPACE ?? '';
}

const escaped = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** cloud://<this env>.<bucket>/avatars/<file>: uploaded by the mini program to this shop's storage. */
export function isOwnAvatarFileId(fileId: string, envId = currentEnvId()): boolean {
  if (!envId) return false;
  return new RegExp(`^cloud://${escaped(envId)}\\.[0-9A-Za-z-]+/avatars/[0-9A-Za-z_.-]{1,100}$`).test(fileId);
}

export const nicknameSchema = z
  .string()
  .transform((text) => text.trim())
  .refine((text) => text.length > 0, 'empty nickname')
  .refine((text) => [...text].length <= NICKNAME_MAX_LENGTH, 'nickname too long')
  // eslint-disable-next-line no-control-regex
  .refine((text) => !/[\u0000-\u001f\u007f]/.test(text), 'control characters');

export const profileUpdateSchema = z
  .object({
    nickname: nicknameSchema,
    avatar: z
      .string()
      .max(300)
      .refine((fileId) => isOwnAvatarFileId(fileId), 'not a file of this environment')
      .optional(),
  })
  .strict();
