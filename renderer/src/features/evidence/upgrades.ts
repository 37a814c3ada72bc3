import { setProducedAt } from '../../../../core/evidence/dates';
import { toolPeriodOf } from '../../../../core/evidence/freshness';
import type { EvidenceSummary } from '../../../../core/evidence/model';
import type { Evidence, EvidenceSummaryRow } from '../../../../core/model';
import type { LedgerDatabase } from '../../db/db';
import type { DataUpgrade } from '../../db/upgrades';

/**
 * Stored evidence dated by the one rule (core/evidence/freshness.ts). Files were dated by their
 * tool, else by their modified time or the attach time; now a file is dated by its tool, or by a
 * period a person stated, or it is undated:
 * - a ZAP summary stored before ZAP's `generated` time was read gets it as `producedAt`, read by
 *   the same rule the reader now uses (its detail kept the time, so nothing is re-parsed);
 * - a row whose summary gives a date takes the tool's period;
 * - a row without one keeps its period only if a person changed the period (the audit log says
 *   who: they stated it), else it becomes undated.
 * Every change is written in the upgrade's audited transaction.
 */

const BATCH = 100;

/** A row as stored: those written before dating was recorded have no `dating`. */
type Row = Omit<Evidence, 'dating'> & { dating?: Evidence['dating'] };

interface Plan {
  id: string;
  sha256: string;
  /** The ZAP summary's producedAt and notes, when the stored summary lacks the date. */
  summary: Pick<EvidenceSummary, 'producedAt' | 'notes'> | null;
  dates: Pick<Evidence, 'effectiveFrom' | 'effectiveTo' | 'dating' | 'statedBy'>;
}

/** A stored ZAP summary without a date but with the report's `generated` time in its details. */
function zapDateOf(summary: EvidenceSummary | null): Plan['summary'] {
  if (summary?.format !== 'zap' || summary.producedAt !== null) return null;
  const notes = [...summary.notes];
  const dated = {
    producedAt: null as string | null,
    note: (message: string) => {
      if (!notes.includes(message)) notes.push(message);
    },
  };
  setProducedAt(dated, summary.details['generated']);
  return dated.producedAt === null ? null : { producedAt: dated.producedAt, notes };
}

/** Who last changed the row's period, if anyone did after it was stored. */
async function personWhoStated(database: LedgerDatabase, id: string): Promise<string | null> {
  const entries = await database.auditLog.where('[entity+key]').equals(['evidence', id]).toArray();
  const changed = entries
    .filter((entry) => {
      if (entry.op !== 'update') return false;
      const changes = (entry.diff as { changes?: Record<string, unknown> } | null)?.changes ?? {};
      return 'effectiveFrom' in changes || 'effectiveTo' in changes;
    })
    .sort((a, b) => a.seq - b.seq);
  return changed.at(-1)?.actor ?? null;
}

async function planOf(database: LedgerDatabase, row: Row): Promise<Plan> {
  const stored = (await database.evidenceSummaries.get(row.sha256))?.summary ?? null;
  const zap = zapDateOf(stored);
  const period = toolPeriodOf(stored && zap ? { ...stored, producedAt: zap.producedAt } : stored);
  if (period)
    return {
      id: row.id,
      sha256: row.sha256,
      summary: zap,
      dates: { effectiveFrom: period.from, effectiveTo: period.to, dating: 'tool', statedBy: '' },
    };
  const stater =
    row.effectiveFrom !== null && row.effectiveTo !== null
      ? await personWhoStated(database, row.id)
      : null;
  return {
    id: row.id,
    sha256: row.sha256,
    summary: null,
    dates:
      stater === null
        ? { effectiveFrom: null, effectiveTo: null, dating: 'undated', statedBy: '' }
        : {
            effectiveFrom: row.effectiveFrom,
            effectiveTo: row.effectiveTo,
            dating: 'stated',
            statedBy: stater,
          },
  };
}

async function write(database: LedgerDatabase, plans: readonly Plan[]): Promise<void> {
  for (const plan of plans) {
    const current: Row | undefined = await database.evidence.get(plan.id);
    // Dated meanwhile (a person stated its period): leave it as it is now.
    if (current === undefined || current.dating !== undefined) continue;
    await database.evidence.put({ ...current, ...plan.dates });
    if (plan.summary === null) continue;
    const summaryRow: EvidenceSummaryRow | undefined = await database.evidenceSummaries.get(
      plan.sha256,
    );
    if (summaryRow && summaryRow.summary.producedAt === null)
      await database.evidenceSummaries.put({
        ...summaryRow,
        summary: { ...summaryRow.summary, ...plan.summary },
      });
  }
}

export const evidenceDatesUpgrade: DataUpgrade<string> = {
  id: 'evidence-dates@1',
  title: 'Dating stored evidence by its tool; files without a date of their own become undated',
  tables: ['evidence', 'evidenceSummaries'],
  total: (database) => database.evidence.count(),
  async next(database, cursor) {
    const rows: Row[] =
      cursor === null
        ? await database.evidence.orderBy('id').limit(BATCH).toArray()
        : await database.evidence.where('id').above(cursor).limit(BATCH).toArray();
    const last = rows.at(-1);
    if (last === undefined) return null;
    const plans: Plan[] = [];
    for (const row of rows) if (row.dating === undefined) plans.push(await planOf(database, row));
    return { cursor: last.id, items: rows.length, write: () => write(database, plans) };
  },
};
