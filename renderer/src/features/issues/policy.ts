import type { SlaPolicy, StoredSlaPolicy } from '../../../../core/model';
import { defaultSlaPolicy } from '../../../../core/model';
import { db } from '../../db';
import { systemTimeZone } from '../../lib/format';

/** The workspace's SLA policy, or the practice's defaults in this computer's zone. */
export async function readSlaPolicy(workspaceId: string): Promise<SlaPolicy> {
  const stored = await db.slaPolicies.where('workspaceId').equals(workspaceId).first();
  return stored === undefined ? defaultSlaPolicy(systemTimeZone()) : policyOf(stored);
}

export function policyOf(stored: StoredSlaPolicy): SlaPolicy {
  const { id: _id, workspaceId: _workspaceId, createdAt: _c, updatedAt: _u, ...policy } = stored;
  return policy;
}
