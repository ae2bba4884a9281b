/**
 * Readers for the fields of a request body. A field of the wrong type is the caller's mistake, answered as
 * INVALID_PARAM rather than a crash.
 */
import { invalidParam } from './errors';

export type Params = Readonly<Record<string, unknown>>;

export function requiredString(params: Params, name: string): string {
  const value = params[name];
  if (typeof value !== 'string' || value === '') throw invalidParam(`${name} must be a non-empty string`);
  return value;
}

export function optionalString(params: Params, name: string): string | undefined {
  const value = params[name];
  if (value === undefined || value === null || value === '') return undefined;
  if (typeof value !== 'string') throw invalidParam(`${name} must be a string`);
  return value;
}

export function optionalBoolean(params: Params, name: string, fallback: boolean): boolean {
  const value = params[name];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'boolean') throw invalidParam(`${name} must be a boolean`);
  return value;
}

export function optionalCount(params: Params, name: string): number | undefined {
  const value = params[name];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalidParam(`${name} must be a non-negative integer`);
  }
  return value;
}

export function stringArray(params: Params, name: string): string[] {
  const value = params[name];
  if (!Array.isArray(value) || value.length === 0 || !value.every((item) => typeof item === 'string')) {
    throw invalidParam(`${name} must be a non-empty array of EJSON strings`);
  }
  return value as string[];
}

export type QueryType = 'DOC' | 'WHERE';

export function queryType(params: Params): QueryType {
  const value = params.queryType ?? 'WHERE';
  if (value !== 'DOC' && value !== 'WHERE') throw invalidParam('queryType must be "DOC" or "WHERE"');
  return value;
}
