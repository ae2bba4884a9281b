/**
 * The `admin` function: the merchant's workspace (orders, after-sales, payment notices, staff, audit log).
 * The caller's role is checked against staff-permissions before anything else; every change is audited.
 */
import { z } from 'zod';
import type { Failure, Result } from '../../types';
import { EXPRESS_COMPANY_CODES } from '../../types/express-companies';
import { INVITABLE_ROLES } from '../../types/merchant';
import { ORDER_STATES } from '../../types/order-states';
import { readShopSettings } from '../common/config/shop-settings';
import { isAdminAction, mayCall, normaliseInvitationCode } from '../common/domain/staff-permissions';
import { routeActions, type ActionTable } from '../common/runtime/action-router';
import { catalogActions } from './catalog-actions';
import { couponActions } from './coupon-actions';
import { dashboardActions } from './dashboard-actions';
import { orderActions } from './order-actions';
import { currentCaller } from '../common/runtime/caller';
import { now } from '../common/runtime/clock';
import { approveRefund, merchantRefund, rejectRefund } from '../common/services/after-sales-service';
import { auditPage, recordChange, type Actor } from '../common/services/audit-service';
import { shipOrder } from '../common/services/fulfilment-service';
import { refundActions } from './refund-actions';
import { afterSaleActions } from './after-sale-actions';
import {
  deadLetters,
  merchantOrderDetail,
  merchantOrders,
  searchOrders,
  remarkOrder,
  retryDeadLetter,
} from '../common/services/merchant-service';
import {
  identifyStaff,
  inviteStaff,
  joinStaff,
  removeStaff,
  revokeInvitation,
  setStaffRole,
  staffList,
  staffMe,
  type StaffCaller,
} from '../common/services/staff-service';
import { idSchema, textSchema } from '../common/validation/fields';
import { paymentActions } from './payment-actions';

const orderId = z.object({ orderId: idSchema });
const ORDER_CODES = { orderId: 'ORDER_NOT_FOUND' } as const;
const none = z.object({}) as unknown as z.ZodType<Record<string, never>>;
const invitationCodeSchema = z
  .string()
  .max(40)
  .transform(normaliseInvitationCode)
  .pipe(z.string().regex(/^[0-9A-Z]{10}$/, 'bad invitation code'));
const staffOpenid = z.object({ openid: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'bad OPENID') });
const STAFF_CODES = { openid: 'STAFF_NOT_FOUND' } as const;

/** The table for one caller: every change runs through recordChange with the caller as actor. */
function adminActions(caller: StaffCaller, ownerOpenids: readonly string[]): ActionTable<'admin'> {
  // Only staff get past the permission check to a change; 'staff.join' makes its caller staff first.
  const actor = (): Actor => ({ openid: caller.openid, role: caller.role ?? 'service' });
  return {
    ...catalogActions(actor),
    ...dashboardActions(),
    ...couponActions(actor),
    ...orderActions(actor),
    'staff.me': { schema: none, run: async () => staffMe(caller) },
    'staff.list': { schema: none, run: (_, { now }) => staffList(ownerOpenids, now) },
    'staff.invite': {
      schema: z.object({ role: z.enum(INVITABLE_ROLES), name: textSchema(1, 20) }),
      run: ({ role, name }, { now }) =>
        recordChange(
          actor(),
          'staff.invite',
          'invitation',
          (invitation) => invitation.code,
          () => inviteStaff(caller.openid, role, name, now),
          now,
        ),
    },
    'staff.revokeInvitation': {
      schema: z.object({ code: invitationCodeSchema }),
      fieldCodes: { code: 'INVITATION_INVALID' },
      run: ({ code }, { now }) =>
        recordChange(
          actor(),
          'staff.revokeInvitation',
          'invitation',
          code,
          () => revokeInvitation(code),
          now,
        ),
    },
    'staff.join': {
      schema: z.object({ code: invitationCodeSchema }),
      fieldCodes: { code: 'INVITATION_INVALID' },
      run: ({ code }, { now }) =>
        recordChange(
          (member) => ({ openid: caller.openid, role: member.role }),
          'staff.join',
          'staff',
          caller.openid,
          () => joinStaff(caller, code, now),
          now,
        ),
    },
    'staff.setRole': {
      schema: staffOpenid.extend({ role: z.enum(INVITABLE_ROLES) }),
      fieldCodes: STAFF_CODES,
      run: ({ openid, role }, { now }) =>
        recordChange(actor(), 'staff.setRole', 'staff', openid, () => setStaffRole(openid, role), now),
    },
    'staff.remove': {
      schema: staffOpenid,
      fieldCodes: STAFF_CODES,
      run: ({ openid }, { now }) =>
        recordChange(actor(), 'staff.remove', 'staff', openid, () => removeStaff(openid), now),
    },
    'audit.list': {
      schema: z.object({
        before: z.object({ at: z.number().int().min(0), id: idSchema }).optional(),
      }),
      run: ({ before }) => auditPage(before),
    },
    'orders.list': {
      schema: z.object({
        state: z.enum(ORDER_STATES).optional(),
        page: z.number().int().min(1).max(500).optional(),
      }),
      run: ({ state, page }) => merchantOrders(state, page ?? 1),
    },
    'orders.search': {
      schema: z.object({ query: textSchema(1, 40) }),
      run: ({ query }) => searchOrders(query),
    },
    'orders.detail': {
      schema: orderId,
      fieldCodes: ORDER_CODES,
      run: ({ orderId: id }) => merchantOrderDetail(id),
    },
    'orders.remark': {
      schema: orderId.extend({ remark: textSchema(0, 200) }),
      fieldCodes: ORDER_CODES,
      run: ({ orderId: id, remark }, { now }) =>
        recordChange(actor(), 'orders.remark', 'order', id, () => remarkOrder(id, remark), now),
    },
    'orders.ship': {
      schema: orderId.extend({
        expressCompany: z.enum(EXPRESS_COMPANY_CODES),
        trackingNo: z.string().regex(/^[0-9A-Za-z-]{4,40}$/, 'bad tracking number'),
      }),
      fieldCodes: ORDER_CODES,
      run: ({ orderId: id, expressCompany, trackingNo }, { now }) =>
        recordChange(
          actor(),
          'orders.ship',
          'order',
          id,
          () => shipOrder(id, expressCompany, trackingNo, now),
          now,
        ),
    },
    'orders.refund': {
      schema: orderId.extend({ reason: textSchema(1, 100) }),
      fieldCodes: ORDER_CODES,
      run: ({ orderId: id, reason }, { now }) =>
        recordChange(actor(), 'orders.refund', 'order', id, () => merchantRefund(id, reason, now), now),
    },
    'refunds.approve': {
      schema: orderId,
      fieldCodes: ORDER_CODES,
      run: ({ orderId: id }, { now }) =>
        recordChange(actor(), 'refunds.approve', 'order', id, () => approveRefund(id, now), now),
    },
    'refunds.reject': {
      schema: orderId.extend({ reason: textSchema(1, 100) }),
      fieldCodes: ORDER_CODES,
      run: ({ orderId: id, reason }, { now }) =>
        recordChange(actor(), 'refunds.reject', 'order', id, () => rejectRefund(id, reason, now), now),
    },
    'payments.deadLetters': { schema: none, run: () => deadLetters() },
    'payments.retry': {
      schema: z.object({ transactionId: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/) }),
      run: ({ transactionId }, { now }) =>
        recordChange(
          actor(),
          'payments.retry',
          'payment',
          transactionId,
          () => retryDeadLetter(transactionId, now),
          now,
        ),
    },
    ...refundActions(actor),
    ...afterSaleActions(actor),
    ...paymentActions(actor),
  };
}

export async function main(event: unknown): Promise<Result<unknown>> {
  const { openid } = currentCaller();
  const { adminOpenids } = readShopSettings();
  const caller = await identifyStaff(openid, adminOpenids, now());
  const action =
    typeof event === 'object' && event !== null ? (event as { action?: unknown }).action : undefined;
  // Someone who is not staff learns nothing about which actions exist.
  const known = typeof action === 'string' && isAdminAction(action);
  if (known ? !mayCall(caller.role, action) : caller.role === undefined) {
    const refused: Failure = {
      ok: false,
      code: 'FORBIDDEN',
      message: caller.role
        ? `the ${caller.role} role may not call ${String(action)}`
        : 'merchant actions are for the shop staff',
    };
    return refused;
  }
  return routeActions('admin', adminActions(caller, adminOpenids))(event);
}
