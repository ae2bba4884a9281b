/** The audit log: one document per change a member of staff made, written once, read newest first. */
import type { AuditEntry } from '../../../types/merchant';
import type { EpochMs } from '../../../types/entities';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf } from './query-helpers';

const auditLog = () => db.collection(COLLECTIONS.auditLog);

export async function insertAuditEntry(entry: AuditEntry): Promise<void> {
  const { _id, ...fields } = entry;
  await auditLog().add({ data: { _id, ...fields } });
}

/** A page newest first, strictly before the cursor (at, _id) when given, so pages never overlap. */
export async function findAuditEntries(
  before: { at: EpochMs; id: string } | undefined,
  limit: number,
): Promise<AuditEntry[]> {
  const query = before
    ? command.or([{ at: command.lt(before.at) }, { at: before.at, _id: command.lt(before.id) }])
    : {};
  const answer = await auditLog()
    .where(query)
    .orderBy('at', 'desc')
    .orderBy('_id', 'desc')
    .limit(limit)
    .get();
  return documentsOf<AuditEntry>(answer);
}
