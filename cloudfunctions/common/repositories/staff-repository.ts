/**
 * The shop's staff (one document per member, `_id` = OPENID, so checking a caller is one read by id) and
 * the invitations owners hand out (`_id` = the code; used once by a conditional write).
 */
import type { EpochMs } from '../../../types/entities';
import type { InvitableRole, StaffMember, StaffRole } from '../../../types/merchant';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, updatedCount } from './query-helpers';

const staff = () => db.collection(COLLECTIONS.staff);
const invitations = () => db.collection(COLLECTIONS.staffInvitations);

/** A shop has a handful of staff: one page lists them all. */
const STAFF_LIMIT = 100;

export type InvitationState = 'OPEN' | 'USED' | 'REVOKED';

export interface StaffInvitationDoc {
  _id: string;
  role: InvitableRole;
  name: string;
  createdBy: string;
  createdAt: EpochMs;
  expiresAt: EpochMs;
  state: InvitationState;
  usedBy?: string;
  usedAt?: EpochMs;
}

export async function findStaffMember(openid: string): Promise<StaffMember | undefined> {
  return documentsOf<StaffMember>(await staff().where({ _id: openid }).limit(1).get())[0];
}

/** Creates or replaces the member's document: joining and the owner's bootstrap are both one write by id. */
export async function putStaffMember(member: StaffMember): Promise<void> {
  const { _id, ...fields } = member;
  await staff().doc(_id).set({ data: fields });
}

export async function findStaffMembers(): Promise<StaffMember[]> {
  return documentsOf<StaffMember>(await staff().orderBy('joinedAt', 'asc').limit(STAFF_LIMIT).get());
}

/** Changes the role of a member who holds one of `from`; false when there is no such member. */
export async function updateStaffRole(
  openid: string,
  from: readonly StaffRole[],
  role: InvitableRole,
): Promise<boolean> {
  const answer = await staff()
    .where({ _id: openid, role: command.in([...from]) })
    .update({ data: { role } });
  return updatedCount(answer) > 0;
}

export async function removeStaffMember(openid: string, from: readonly StaffRole[]): Promise<boolean> {
  const answer = await staff()
    .where({ _id: openid, role: command.in([...from]) })
    .remove();
  return updatedCount(answer) > 0;
}

export async function insertInvitation(invitation: StaffInvitationDoc): Promise<void> {
  const { _id, ...fields } = invitation;
  await invitations().add({ data: { _id, ...fields } });
}

export async function findInvitation(code: string): Promise<StaffInvitationDoc | undefined> {
  return documentsOf<StaffInvitationDoc>(await invitations().where({ _id: code }).limit(1).get())[0];
}

/**
 * Uses an open, unexpired invitation for `openid`: one conditional write, so of many people entering the
 * same code at once exactly one gets it.
 */
export async function claimInvitation(code: string, openid: string, now: EpochMs): Promise<boolean> {
  const answer = await invitations()
    .where({ _id: code, state: 'OPEN', expiresAt: command.gt(now) })
    .update({ data: { state: 'USED', usedBy: openid, usedAt: now } });
  return updatedCount(answer) > 0;
}

export async function revokeInvitation(code: string): Promise<boolean> {
  const answer = await invitations()
    .where({ _id: code, state: 'OPEN' })
    .update({ data: { state: 'REVOKED' } });
  return updatedCount(answer) > 0;
}

/** Invitations still usable, newest first; expired ones drop out of the index range. */
export async function findOpenInvitations(now: EpochMs, limit: number): Promise<StaffInvitationDoc[]> {
  const answer = await invitations()
    .where({ state: 'OPEN', expiresAt: command.gt(now) })
    .orderBy('expiresAt', 'desc')
    .limit(limit)
    .get();
  return documentsOf<StaffInvitationDoc>(answer);
}
