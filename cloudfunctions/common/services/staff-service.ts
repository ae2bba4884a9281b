/**
 * Staff: who the caller is to the shop (with the owner's bootstrap from SHOP_ADMIN_OPENIDS), invitations
 * that bind the first OPENID to enter them, role changes and removal. Owners are named by configuration only.
 */
import { randomBytes } from 'node:crypto';
import type { EpochMs } from '../../../types/entities';
import type {
  InvitableRole,
  StaffInvitationView,
  StaffListResponse,
  StaffMember,
  StaffRole,
} from '../../../types/merchant';
import { INVITABLE_ROLES } from '../../../types/merchant';
import {
  effectiveRole,
  INVITATION_CODE_LENGTH,
  INVITATION_TTL_MS,
  invitationCode,
} from '../domain/staff-permissions';
import { fail } from '../runtime/domain-error';
import {
  claimInvitation,
  findInvitation,
  findOpenInvitations,
  findStaffMember,
  findStaffMembers,
  insertInvitation,
  putStaffMember,
  removeStaffMember,
  revokeInvitation as revokeInvitationDoc,
  updateStaffRole,
  type StaffInvitationDoc,
} from '../repositories/staff-repository';

/** The caller as staff: their OPENID and role; role undefined = not staff. */
export interface StaffCaller {
  openid: string;
  role: StaffRole | undefined;
  member: StaffMember | undefined;
}

const OWNER_NAME = '店主';
const OPEN_INVITATIONS_SHOWN = 20;

/**
 * One read by id; an owner named by configuration gets their staff document written the first time (so the
 * staff list shows them), which costs one more write once.
 */
export async function identifyStaff(
  openid: string,
  ownerOpenids: readonly string[],
  now: EpochMs,
): Promise<StaffCaller> {
  if (openid === '') return { openid, role: undefined, member: undefined };
  const stored = await findStaffMember(openid);
  const role = effectiveRole(openid, stored, ownerOpenids);
  if (role === 'owner' && stored?.role !== 'owner') {
    const member: StaffMember = {
      _id: openid,
      role: 'owner',
      name: stored?.name ?? OWNER_NAME,
      joinedAt: stored?.joinedAt ?? now,
    };
    await putStaffMember(member);
    return { openid, role, member };
  }
  return { openid, role, member: role ? stored : undefined };
}

export function staffMe(caller: StaffCaller): StaffMember {
  if (!caller.member) fail('FORBIDDEN', 'not a member of staff');
  return caller.member;
}

function invitationView(doc: StaffInvitationDoc): StaffInvitationView {
  const { _id, role, name, createdBy, createdAt, expiresAt } = doc;
  return { code: _id, role, name, createdBy, createdAt, expiresAt };
}

export async function staffList(ownerOpenids: readonly string[], now: EpochMs): Promise<StaffListResponse> {
  const [members, invitations] = await Promise.all([
    findStaffMembers(),
    findOpenInvitations(now, OPEN_INVITATIONS_SHOWN),
  ]);
  // An owner taken out of the configuration keeps a document but no role: not listed.
  const staff = members.filter((m) => effectiveRole(m._id, m, ownerOpenids) !== undefined);
  return { staff, invitations: invitations.map(invitationView) };
}

export async function inviteStaff(
  owner: string,
  role: InvitableRole,
  name: string,
  now: EpochMs,
): Promise<StaffInvitationView> {
  const doc: StaffInvitationDoc = {
    _id: invitationCode(randomBytes(INVITATION_CODE_LENGTH)),
    role,
    name,
    createdBy: owner,
    createdAt: now,
    expiresAt: now + INVITATION_TTL_MS,
    state: 'OPEN',
  };
  await insertInvitation(doc);
  return invitationView(doc);
}

export async function revokeInvitation(code: string): Promise<{ revoked: boolean }> {
  if (await revokeInvitationDoc(code)) return { revoked: true };
  if (!(await findInvitation(code))) fail('INVITATION_INVALID', 'no such invitation');
  return { revoked: false };
}

/**
 * The invitation is used by one conditional write; a retry by the same person after an interruption finds
 * it used by them and finishes the join, anyone else is refused.
 */
export async function joinStaff(caller: StaffCaller, code: string, now: EpochMs): Promise<StaffMember> {
  if (caller.role !== undefined) fail('ALREADY_STAFF', 'already a member of staff');
  const claimed = await claimInvitation(code, caller.openid, now);
  const invitation = await findInvitation(code);
  if (!invitation || (!claimed && invitation.usedBy !== caller.openid)) {
    fail('INVITATION_INVALID', 'the invitation is unknown, used, revoked or expired');
  }
  const member: StaffMember = {
    _id: caller.openid,
    role: invitation.role,
    name: invitation.name,
    joinedAt: invitation.usedAt ?? now,
    invitedBy: invitation.createdBy,
  };
  await putStaffMember(member);
  return member;
}

export async function setStaffRole(openid: string, role: InvitableRole): Promise<StaffMember> {
  if (!(await updateStaffRole(openid, INVITABLE_ROLES, role))) {
    fail('STAFF_NOT_FOUND', 'no such member of staff (owners are named by SHOP_ADMIN_OPENIDS)');
  }
  const member = await findStaffMember(openid);
  if (!member) fail('STAFF_NOT_FOUND', 'the member was removed meanwhile');
  return member;
}

export async function removeStaff(openid: string): Promise<{ removed: boolean }> {
  if (await removeStaffMember(openid, INVITABLE_ROLES)) return { removed: true };
  fail('STAFF_NOT_FOUND', 'no such member of staff (owners are named by SHOP_ADMIN_OPENIDS)');
}
