/**
 * The answer of a domain rule: a value, or a refusal with an error code from types/errors and the numbers
 * the page needs to explain it (e.g. how many are left). Handlers turn a refusal into `{ ok: false, code }`.
 */
import type { ErrorCode } from '../../../types/errors';

export type RuleDetail = Readonly<Record<string, string | number>>;

export interface RuleOk<T> {
  ok: true;
  value: T;
}

export interface RuleRefusal<C extends ErrorCode = ErrorCode> {
  ok: false;
  code: C;
  detail?: RuleDetail;
}

export type RuleResult<T, C extends ErrorCode = ErrorCode> = RuleOk<T> | RuleRefusal<C>;

export function allow<T>(value: T): RuleOk<T> {
  return { ok: true, value };
}

export function refuse<C extends ErrorCode>(code: C, detail?: RuleDetail): RuleRefusal<C> {
  return detail === undefined ? { ok: false, code } : { ok: false, code, detail };
}
