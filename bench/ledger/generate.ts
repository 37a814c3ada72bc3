import type { AuditEntry, ChainHead } from '../../core/audit/chain';
import { nextEntry } from '../../core/audit/chain';
import type { AgendaItem, ControlVerdict, Demo } from '../../core/model/demo';
import {
  AgendaItem as AgendaItemSchema,
  ControlVerdict as VerdictSchema,
  Demo as DemoSchema,
} from '../../core/model/demo';
import type { Evidence, EvidenceLink } from '../../core/model/evidence';
import { Evidence as EvidenceSchema, EvidenceLink as LinkSchema } from '../../core/model/evidence';
import { StoredSlaPolicy, defaultSlaPolicy } from '../../core/model/sla-policy';
import type { Sprint, Team, Workspace } from '../../core/model/workspace';
import { ISSUES_A_YEAR, issueYear } from './issues';
import {
  Sprint as SprintSchema,
  Team as TeamSchema,
  Workspace as WorkspaceSchema,
} from '../../core/model/workspace';

/**
 * A team's ledger over years, generated through the app's data model: every record is parsed
 * by the model's own schema (so defaults and rules apply) and every change is an audit entry
 * made by `nextEntry`, exactly as the audit middleware makes them, so the result verifies.
 * One team-year: 26 sprints (one demo each), 299 agenda items, 997 verdicts, 498 evidence
 * files each linked to a control, 150 security issues (6 P1, 30 P2, 66 P3, 48 P4, raised and
 * moved through the workflow by core/issues, see ./issues.ts) with a post-mortem for each P1
 * (6), and 20,000 audit entries (the rest are edits of verdicts). The workspace has an SLA
 * policy (the defaults, on London time). Deterministic: the same years, start head and actor
 * give the same bytes.
 */
export const TEAM_YEAR = {
  sprints: 26,
  items: 299,
  verdicts: 997,
  evidence: 498,
  issues: ISSUES_A_YEAR,
  postMortems: ISSUES_A_YEAR / 25,
  entries: 20_000,
} as const;

export interface Batch {
  table: string;
  rows: unknown[];
}

const CONTROLS = Array.from(
  { length: 120 },
  (_, index) =>
    `nist-sp-800-53-rev5#${['ac', 'au', 'cm', 'ia', 'ra', 'sc', 'si', 'sa'][index % 8]}-${1 + Math.floor(index / 8)}`,
);
const VERDICTS = ['satisfied', 'not-satisfied', 'not-applicable', 'satisfied'] as const;
const FORMATS = [
  ['sarif', 'sarif|semgrep/ci'],
  ['zap', 'zap|dast/nightly'],
  ['trivy', 'trivy|image/build'],
  ['nmap', 'nmap|edge/weekly'],
] as const;

function uuid(kind: number, index: number): string {
  return `00000000-0000-4000-8000-${(kind * 10_000_000_000 + index).toString(16).padStart(12, '0')}`;
}

/**
 * The ledger's rows and entries in batches of about `batchSize` rows, continuing the chain
 * from `start`. The generator's return value is the new head. With `log: false` only the
 * records are made (no audit entries, the head stays `start`): for tests of what the areas
 * show, where the log's hundreds of thousands of entries would only cost time to write.
 */
export function* generateLedger(
  years: number,
  options: { start: ChainHead; actor: string; batchSize?: number; log?: boolean },
): Generator<Batch, ChainHead> {
  const batchSize = options.batchSize ?? 5000;
  const withLog = options.log ?? true;
  let head = options.start;
  const entries: AuditEntry[] = [];
  const pending = new Map<string, unknown[]>();
  const epoch = Date.UTC(2026 - years, 0, 5);
  let clock = epoch;
  const at = () => new Date((clock += 1000)).toISOString();
  function* flushEntries(force = false): Generator<Batch> {
    if (entries.length >= batchSize || (force && entries.length > 0)) {
      yield { table: 'auditLog', rows: entries.splice(0) };
    }
  }
  function record(table: string, row: { id: string }, before?: unknown) {
    if (!withLog) return;
    const entry = nextEntry(head, {
      at: at(),
      actor: options.actor,
      action: 'edit',
      entity: table,
      key: row.id,
      op: before === undefined ? 'create' : 'update',
      before,
      after: row,
      detail: 'full',
    });
    head = { seq: entry.seq, hash: entry.hash };
    entries.push(entry);
  }
  function* flushRows(force = false): Generator<Batch> {
    for (const [table, rows] of pending) {
      if (rows.length >= batchSize || (force && rows.length > 0)) {
        yield { table, rows: rows.splice(0) };
      }
    }
  }
  const keep = (table: string, row: unknown) => {
    const rows = pending.get(table) ?? [];
    rows.push(row);
    pending.set(table, rows);
  };

  const stamp = {
    createdAt: new Date(epoch).toISOString(),
    updatedAt: new Date(epoch).toISOString(),
  };
  const workspace: Workspace = WorkspaceSchema.parse({
    id: uuid(1, 0),
    name: 'Payments platform',
    description: 'Generated ledger',
    ...stamp,
  });
  const team: Team = TeamSchema.parse({
    id: uuid(2, 0),
    workspaceId: workspace.id,
    name: 'Payments',
    product: 'Checkout',
    ...stamp,
  });
  record('workspaces', workspace);
  keep('workspaces', workspace);
  record('teams', team);
  keep('teams', team);
  const policy = StoredSlaPolicy.parse({
    ...defaultSlaPolicy('Europe/London'),
    id: uuid(13, 0),
    workspaceId: workspace.id,
    ...stamp,
  });
  record('slaPolicies', policy);
  keep('slaPolicies', policy);
  const sprintCount = years * TEAM_YEAR.sprints;
  const sprintIdAt = (instant: number) =>
    uuid(
      3,
      Math.min(sprintCount - 1, Math.max(0, Math.floor((instant - epoch) / (14 * 86_400_000)))),
    );
  const ledgerEnd = epoch + sprintCount * 14 * 86_400_000;

  let itemIndex = 0;
  let verdictIndex = 0;
  let evidenceIndex = 0;
  for (let year = 0; year < years; year += 1) {
    const yearEntriesStart = head.seq;
    const verdicts: ControlVerdict[] = [];
    for (let s = 0; s < TEAM_YEAR.sprints; s += 1) {
      const sprintNumber = year * TEAM_YEAR.sprints + s;
      const startDay = new Date(epoch + sprintNumber * 14 * 86_400_000).toISOString().slice(0, 10);
      const endDay = new Date(epoch + (sprintNumber * 14 + 13) * 86_400_000)
        .toISOString()
        .slice(0, 10);
      const sprint: Sprint = SprintSchema.parse({
        id: uuid(3, sprintNumber),
        workspaceId: workspace.id,
        name: `Sprint ${sprintNumber + 1}`,
        goal: 'Ship the next slice and demonstrate its controls',
        teamId: team.id,
        startDate: startDay,
        endDate: endDay,
        ...stamp,
      });
      record('sprints', sprint);
      keep('sprints', sprint);
      const demo: Demo = DemoSchema.parse({
        id: uuid(4, sprintNumber),
        workspaceId: workspace.id,
        sprintId: sprint.id,
        title: `Sprint ${sprintNumber + 1} demo`,
        date: endDay,
        facilitator: options.actor,
        ...stamp,
      });
      record('demos', demo);
      keep('demos', demo);
      // Items and verdicts spread evenly over the year's sprints.
      const itemsHere =
        Math.floor(((s + 1) * TEAM_YEAR.items) / TEAM_YEAR.sprints) -
        Math.floor((s * TEAM_YEAR.items) / TEAM_YEAR.sprints);
      for (let i = 0; i < itemsHere; i += 1) {
        const controls = [0, 1, 2, 3].map(
          (offset) => CONTROLS[(itemIndex * 7 + offset * 31) % CONTROLS.length] ?? '',
        );
        const item: AgendaItem = AgendaItemSchema.parse({
          id: uuid(5, itemIndex),
          demoId: demo.id,
          workspaceId: workspace.id,
          sprintId: sprint.id,
          position: i,
          key: `PAY-${itemIndex + 1}`,
          title: `Story ${itemIndex + 1}: a change worth demonstrating`,
          owner: 'Kim Ito',
          controls,
          ...stamp,
        });
        record('demoItems', item);
        keep('demoItems', item);
        const verdictsHere =
          Math.floor(
            ((itemIndex + 1 - year * TEAM_YEAR.items) * TEAM_YEAR.verdicts) / TEAM_YEAR.items,
          ) -
          Math.floor(((itemIndex - year * TEAM_YEAR.items) * TEAM_YEAR.verdicts) / TEAM_YEAR.items);
        for (let v = 0; v < verdictsHere; v += 1) {
          const verdict: ControlVerdict = VerdictSchema.parse({
            id: uuid(6, verdictIndex),
            demoId: demo.id,
            itemId: item.id,
            workspaceId: workspace.id,
            sprintId: sprint.id,
            control: controls[v % controls.length],
            verdict: VERDICTS[verdictIndex % VERDICTS.length],
            decidedAt: at(),
            decidedBy: options.actor,
          });
          record('demoVerdicts', verdict);
          verdicts.push(verdict);
          verdictIndex += 1;
        }
        itemIndex += 1;
      }
      yield* flushEntries();
      yield* flushRows();
    }
    for (let e = 0; e < TEAM_YEAR.evidence; e += 1) {
      const [format, sourceKey] = FORMATS[evidenceIndex % FORMATS.length] ?? FORMATS[0];
      const attachedAt = at();
      const day = attachedAt.slice(0, 10);
      const evidence: Evidence = EvidenceSchema.parse({
        id: uuid(7, evidenceIndex),
        workspaceId: workspace.id,
        sha256: evidenceIndex.toString(16).padStart(64, '0'),
        fileName: `${format}-report-${evidenceIndex + 1}.json`,
        mediaType: 'application/json',
        size: 20_000 + (evidenceIndex % 997) * 31,
        format,
        variant: '',
        parseError: null,
        headline: `${evidenceIndex % 17} findings (${evidenceIndex % 3} high)`,
        flag: null,
        sourceKey,
        attachedBy: options.actor,
        attachedAt,
        effectiveFrom: day,
        effectiveTo: day,
        dating: 'tool',
        statedBy: '',
        freshnessDays: 30,
        origin: {
          pipeline: 'ci',
          job: sourceKey.split('|')[1] ?? '',
          runUrl: '',
          commit: '',
          branch: 'main',
        },
        notes: '',
        createdAt: attachedAt,
        updatedAt: attachedAt,
      });
      record('evidence', evidence);
      keep('evidence', evidence);
      const link: EvidenceLink = LinkSchema.parse({
        id: uuid(8, evidenceIndex),
        workspaceId: workspace.id,
        evidenceId: evidence.id,
        targetType: 'control',
        targetId: CONTROLS[evidenceIndex % CONTROLS.length],
        linkedBy: options.actor,
        createdAt: attachedAt,
        updatedAt: attachedAt,
      });
      record('evidenceLinks', link);
      keep('evidenceLinks', link);
      evidenceIndex += 1;
      yield* flushEntries();
      yield* flushRows();
    }
    // Issues and post-mortems: each record's changes in order, its last state kept.
    const latest = new Map<string, { table: string; row: { id: string } }>();
    for (const change of issueYear({
      workspaceId: workspace.id,
      actor: options.actor,
      policy: defaultSlaPolicy('Europe/London'),
      firstIndex: year * ISSUES_A_YEAR,
      yearStart: epoch + year * TEAM_YEAR.sprints * 14 * 86_400_000,
      yearDays: TEAM_YEAR.sprints * 14,
      recentFrom: ledgerEnd - 60 * 86_400_000,
      issueId: (index) => uuid(9, index),
      postMortemId: (index) => uuid(10, index),
      partId: (index) => uuid(11, index),
      sprintIdAt,
      controls: CONTROLS,
    })) {
      record(change.table, change.after, change.before);
      latest.set(change.after.id, { table: change.table, row: change.after });
      yield* flushEntries();
    }
    for (const { table, row } of latest.values()) keep(table, row);
    yield* flushRows();
    // The rest of the year's entries: verdicts revisited with a reason, as reviews do.
    let edit = 0;
    while (withLog && head.seq - yearEntriesStart < TEAM_YEAR.entries) {
      const index = edit % verdicts.length;
      const before = verdicts[index];
      if (before === undefined) break;
      const after: ControlVerdict = {
        ...before,
        reason: `Reviewed ${Math.floor(edit / verdicts.length) + 1}`,
      };
      verdicts[index] = after;
      const entry = nextEntry(head, {
        at: at(),
        actor: options.actor,
        action: 'edit',
        entity: 'demoVerdicts',
        key: after.id,
        op: 'update',
        before,
        after,
        detail: 'full',
      });
      head = { seq: entry.seq, hash: entry.hash };
      entries.push(entry);
      edit += 1;
      yield* flushEntries();
    }
    for (const verdict of verdicts) keep('demoVerdicts', verdict);
    yield* flushRows();
  }
  yield* flushEntries(true);
  yield* flushRows(true);
  return head;
}
