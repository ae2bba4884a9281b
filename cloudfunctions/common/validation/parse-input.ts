/**
 * Parsing an event against a schema into a rule result: INVALID_INPUT names the first bad field, never
 * echoes the value (it may be personal data).
 */
import type { z } from 'zod';
import { allow, refuse, type RuleResult } from '../domain/rule-result';

export function parseInput<S extends z.ZodTypeAny>(
  schema: S,
  input: unknown,
): RuleResult<z.output<S>, 'INVALID_INPUT'> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return allow(parsed.data);
  const issue = parsed.error.issues[0];
  return refuse('INVALID_INPUT', { field: issue?.path.join('.') ?? '', issue: issue?.code ?? 'invalid' });
}
