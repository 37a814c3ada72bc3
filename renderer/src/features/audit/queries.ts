import type { ChainHead } from '../../../../core/audit/chain';
import { db } from '../../db';
import type { QueryState } from '../../lib/useQuery';
import { useQuery } from '../../lib/useQuery';

export function useAuditHead(): QueryState<ChainHead | null> {
  return useQuery(async () => (await db.auditHead()) ?? null, []);
}
