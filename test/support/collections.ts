/** Test collections: each test gets its own, so tests sharing one local cloud never see each other's data. */
import { randomBytes } from 'node:crypto';
import type { Database } from './sdk-types';

export type SdkDatabase = Database;

/** Creates a collection with a unique name (prefix + random suffix) and answers the name. */
export async function freshCollection(db: SdkDatabase, prefix: string): Promise<string> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await db.createCollection(name);
  return name;
}

/** What a rejected SDK call carries: wx-server-sdk sets errCode and errMsg on the Error. */
export interface SdkFailure {
  errCode?: number;
  errMsg?: string;
  code?: string;
  message: string;
}

/** Awaits a promise that must reject and answers the error, so a test can look at its code and message. */
export async function failureOf(promise: Promise<unknown>): Promise<SdkFailure> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error as SdkFailure;
    if (typeof error === 'object' && error !== null) return error as SdkFailure;
    return { message: String(error) };
  }
  throw new Error('expected the call to fail, but it succeeded');
}
