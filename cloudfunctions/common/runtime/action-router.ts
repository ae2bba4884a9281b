/**
 * Turns a table of actions (schema + service call) into a cloud function's main: validates the event, runs the
 * action, and answers { ok: true, data } or { ok: false, code, message }. Anything unexpected is logged and
 * answered as INTERNAL, so a caller never sees a stack trace.
 */
import type { ZodType, ZodTypeDef } from 'zod';
import type {
  ActionName,
  ActionRequest,
  ActionResponse,
  ErrorCode,
  FunctionName,
  Result,
} from '../../../types';
import { DomainError } from './domain-error';
import { currentCaller, type Caller } from './caller';
import { now } from './clock';

export interface ActionContext {
  caller: Caller;
  /** Milliseconds since the epoch; one clock per invocation so a request sees one "now". */
  now: number;
}

export interface ActionDefinition<Request, Response> {
  schema: ZodType<Request, ZodTypeDef, unknown>;
  /**
   * A specific code for a malformed field (a quantity outside 1..99 is QUANTITY_OUT_OF_RANGE, a malformed
   * product id PRODUCT_NOT_FOUND); a missing field or a wrong type stays INVALID_INPUT.
   */
  fieldCodes?: Partial<Record<string, ErrorCode>>;
  /** Actions a buyer calls need an OPENID; timer and HTTP callers have none. */
  requiresBuyer?: boolean;
  run(request: Request, context: ActionContext): Promise<Response>;
}

export type ActionTable<F extends FunctionName> = {
  [A in ActionName<F>]: ActionDefinition<ActionRequest<F, A>, ActionResponse<F, A>>;
};

export type CloudFunctionMain = (event: unknown) => Promise<Result<unknown>>;

export function routeActions<F extends FunctionName>(fn: F, table: ActionTable<F>): CloudFunctionMain {
  return async (event: unknown) => {
    const action = isRecord(event) && typeof event.action === 'string' ? event.action : undefined;
    if (action === undefined || !Object.prototype.hasOwnProperty.call(table, action)) {
      return {
        ok: false,
        code: 'UNKNOWN_ACTION',
        message: `${fn} has no action ${JSON.stringify(action ?? null)}`,
      };
    }
    const definition = table[action as ActionName<F>] as ActionDefinition<unknown, unknown>;
    // WeChat adds `userInfo` (appId, openId) to events from the mini program; identity is read from
    // getWXContext instead, so it is dropped rather than trusted or refused.
    const { action: _action, userInfo: _userInfo, ...fields } = event as Record<string, unknown>;
    const parsed = definition.schema.safeParse(fields);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      // The innermost named field: items.0.quantity is judged as a quantity.
      const field = issue?.path.filter((part): part is string => typeof part === 'string').pop();
      const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
      // A wrong type is INVALID_INPUT; a fraction where a whole number belongs is a bad value, not a bad type.
      const wrongType = issue?.code === 'invalid_type' && issue.received !== 'float';
      const specific =
        issue && !wrongType && typeof field === 'string' ? definition.fieldCodes?.[field] : undefined;
      return {
        ok: false,
        code: specific ?? 'INVALID_INPUT',
        message: `${where}${issue?.message ?? 'invalid input'}`,
      };
    }
    const caller = currentCaller();
    if (definition.requiresBuyer !== false && caller.openid === '') {
      return { ok: false, code: 'UNAUTHENTICATED', message: 'this action must be called by a WeChat user' };
    }
    try {
      const data = await definition.run(parsed.data, { caller, now: now() });
      return { ok: true, data };
    } catch (error) {
      if (error instanceof DomainError) return error.toFailure();
      console.error(`[${fn}.${action}] unexpected failure`, error);
      return { ok: false, code: 'INTERNAL', message: 'internal error' };
    }
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
