import type { ChainHead } from '../../../../core/audit/chain';
import { EMPTY_HEAD } from '../../../../core/audit/chain';
import type { AuditHeadStamp } from '../../../../core/audit/head';
import { auditHeadStamp } from '../../../../core/audit/head';
import { db } from '../../db';
import type { QueryState } from '../../lib/useQuery';
import { useQuery } from '../../lib/useQuery';
import type { AuditCursor, AuditFilter, AuditPage } from './log-query';
import { auditFacets, readAuditPage } from './log-query';

export function useAuditHead(): QueryState<ChainHead | null> {
  return useQuery(async () => (await db.auditHead()) ?? null, []);
}

/** The head to print in a report, read in the same transaction as the report's data if called inside one. */
export async function currentAuditStamp(): Promise<AuditHeadStamp> {
  return auditHeadStamp((await db.auditHead()) ?? EMPTY_HEAD);
}

export function useAuditPage(filter: AuditFilter, cursor: AuditCursor): QueryState<AuditPage> {
  return useQuery(() => readAuditPage(db, filter, cursor), [filter, cursor]);
}

export function useAuditFacets(): QueryState<Awaited<ReturnType<typeof auditFacets>>> {
  return useQuery(() => auditFacets(db), []);
}
