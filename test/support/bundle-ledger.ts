import type { AuditEntry, ChainHead } from '../../core/audit/chain';
import { EMPTY_HEAD, nextEntry } from '../../core/audit/chain';
import type { TableDescriptor } from '../../core/archive/format';
import { END_OF_ARCHIVE, encodeTarHeader, paddingFor } from '../../core/archive/tar';
import type { Row, SliceRecord, SliceStore } from '../../core/bundle/scope';
import type { AuditLogReader } from '../../core/bundle/slice';
import { concatBytes } from '../../core/util/bytes';

/**
 * A ledger in memory that records every change in a hash chain exactly as the app's audit
 * middleware does (one entry per row written, `keys` detail for content-addressed tables), with
 * the store and log readers the bundle exporter uses. For bundle tests and the benchmark.
 */

const KEYS_ONLY = new Set(['evidenceBlobs', 'evidenceSummaries']);

const SCHEMAS: Record<string, string> = {
  auditLog: 'seq, [entity+key], at, actor, entity',
  workspaces: 'id, name, createdAt',
  teams: 'id, workspaceId, name',
  sprints: 'id, workspaceId, teamId, startDate',
  demos: 'id, workspaceId, sprintId, date',
  demoItems: 'id, demoId, workspaceId, sprintId, *controls',
  demoNotes: 'id, demoId, itemId, workspaceId, sprintId, at',
  demoVerdicts: 'id, demoId, itemId, workspaceId, sprintId, control, &[itemId+control]',
  demoEvidence: 'id, demoId, itemId, workspaceId, sprintId, sha256',
  demoIssues: 'id, demoId, itemId, workspaceId, sprintId',
  evidence: 'id, workspaceId, sha256, format, attachedAt, [workspaceId+sourceKey]',
  evidenceLinks: 'id, workspaceId, evidenceId, [targetType+targetId]',
  evidenceBlobs: 'sha256',
  evidenceSummaries: 'sha256',
  issues: 'id, workspaceId',
  postMortems: 'id, workspaceId, issueId',
  reports: 'id, workspaceId, sprintId, createdAt',
  reviewObservations: 'id, bundleId, workspaceId, sprintId, demoId, at',
};

export class MemoryLedger {
  readonly tables = new Map<string, Map<string, Row>>();
  readonly log: AuditEntry[] = [];
  head: ChainHead = EMPTY_HEAD;
  private tick = 0;

  constructor(
    public actor = 'alice',
    private readonly start = new Date('2026-11-26T09:00:00.000Z'),
  ) {
    for (const table of Object.keys(SCHEMAS)) {
      if (table !== 'auditLog') this.tables.set(table, new Map());
    }
  }

  private keyOf(table: string, row: Row): string {
    return String(KEYS_ONLY.has(table) ? row['sha256'] : row['id']);
  }

  private record(
    table: string,
    key: string,
    before: Row | undefined,
    after: Row | undefined,
    action: string,
  ): void {
    const entry = nextEntry(this.head, {
      at: new Date(this.start.getTime() + this.tick * 1000).toISOString(),
      actor: this.actor,
      action,
      entity: table,
      key,
      op: before === undefined ? 'create' : after === undefined ? 'delete' : 'update',
      before,
      after,
      detail: KEYS_ONLY.has(table) ? 'keys' : 'full',
    });
    this.tick += 1;
    this.log.push(entry);
    this.head = { seq: entry.seq, hash: entry.hash };
  }

  put(table: string, row: Row, action = 'edit'): Row {
    const rows = this.rows(table);
    const key = this.keyOf(table, row);
    this.record(table, key, rows.get(key), row, action);
    rows.set(key, row);
    return row;
  }

  update(table: string, key: string, change: Row, action = 'edit'): Row {
    const current = this.rows(table).get(key);
    if (!current) throw new Error(`no ${table} ${key}`);
    return this.put(table, { ...current, ...change }, action);
  }

  delete(table: string, key: string): void {
    const rows = this.rows(table);
    const before = rows.get(key);
    if (!before) throw new Error(`no ${table} ${key}`);
    this.record(table, key, before, undefined, 'edit');
    rows.delete(key);
  }

  rows(table: string): Map<string, Row> {
    const rows = this.tables.get(table);
    if (!rows) throw new Error(`no table ${table}`);
    return rows;
  }

  store(): SliceStore {
    const records = (table: string, keep: (key: string, row: Row) => boolean): SliceRecord[] =>
      [...this.rows(table)]
        .filter(([key, row]) => keep(key, row))
        .map(([key, value]) => ({ key, value }));
    return {
      has: (table) => this.tables.has(table),
      get: async (table, keys) => records(table, (key) => keys.includes(key)),
      where: async (table, field, values) =>
        records(table, (_key, row) => values.includes(row[field] as string)),
    };
  }

  reader(): AuditLogReader {
    return {
      firstSeq: async (entity, key) =>
        this.log.find((entry) => entry.entity === entity && entry.key === key)?.seq ?? null,
      entry: async (seq) => this.log[seq - 1] ?? null,
      page: async (afterSeq, limit) => this.log.slice(afterSeq, afterSeq + limit),
    };
  }

  describe(table: string): TableDescriptor {
    const schema = SCHEMAS[table];
    if (schema === undefined) throw new Error(`no table ${table}`);
    return {
      name: table,
      schema,
      primaryKey: table === 'auditLog' ? 'seq' : KEYS_ONLY.has(table) ? 'sha256' : 'id',
      autoIncrement: false,
      audited: table !== 'auditLog',
    };
  }
}

export const uuid = (kind: number, index: number): string =>
  `00000000-0000-4000-8000-${(kind * 1_000_000 + index).toString(16).padStart(12, '0')}`;

export const IDS = {
  workspace: uuid(1, 1),
  otherWorkspace: uuid(1, 2),
  team: uuid(2, 1),
  sprint: uuid(3, 1),
  laterSprint: uuid(3, 2),
  otherSprint: uuid(3, 3),
  demo: uuid(4, 1),
  laterDemo: uuid(4, 2),
  otherDemo: uuid(4, 3),
  item: uuid(5, 1),
  secondItem: uuid(5, 2),
  laterItem: uuid(5, 3),
  question: uuid(6, 1),
  removedNote: uuid(6, 2),
  verdict: uuid(7, 1),
  demoEvidence: uuid(8, 1),
  evidence: uuid(9, 1),
  unrelatedEvidence: uuid(9, 2),
  controlLink: uuid(10, 1),
  itemLink: uuid(10, 2),
  issue: uuid(11, 1),
  otherIssue: uuid(11, 2),
  report: uuid(12, 1),
  demoIssue: uuid(13, 1),
};

export const SCAN_BYTES = new TextEncoder().encode(
  '<nmaprun><host><port>443</port></host></nmaprun>',
);
export const SCAN_SHA256 = 'a'.repeat(64);

/**
 * A workspace with two sprints (one demo each) and another workspace whose changes interleave
 * with them, so a slice of the first sprint has foreign entries to redact.
 */
export function demoLedger(): MemoryLedger {
  const ledger = new MemoryLedger();
  const at = '2026-11-26T09:00:00.000Z';
  const base = { workspaceId: IDS.workspace, createdAt: at, updatedAt: at };
  ledger.put('workspaces', {
    id: IDS.workspace,
    name: 'Payments',
    description: '',
    createdAt: at,
    updatedAt: at,
  });
  ledger.put('workspaces', {
    id: IDS.otherWorkspace,
    name: 'Another client',
    description: '',
    createdAt: at,
    updatedAt: at,
  });
  ledger.put('teams', { id: IDS.team, ...base, name: 'Core', product: 'Cards' });
  ledger.put('sprints', {
    id: IDS.sprint,
    ...base,
    name: 'Sprint 14',
    goal: 'Tokenise cards',
    teamId: IDS.team,
    startDate: '2026-11-16',
    endDate: '2026-11-27',
  });
  ledger.put('sprints', {
    id: IDS.otherSprint,
    workspaceId: IDS.otherWorkspace,
    createdAt: at,
    updatedAt: at,
    name: 'Secret sprint',
    goal: 'Confidential',
    teamId: null,
    startDate: '2026-11-16',
    endDate: '2026-11-27',
  });
  const inSprint = { ...base, sprintId: IDS.sprint };
  ledger.put('demos', {
    id: IDS.demo,
    ...inSprint,
    title: 'Sprint 14 demo',
    date: '2026-11-26',
    facilitator: 'Dana',
    attendees: [],
    startedAt: null,
    signOff: null,
    amendments: [],
  });
  ledger.put('demoItems', {
    id: IDS.item,
    demoId: IDS.demo,
    ...inSprint,
    key: 'PAY-142',
    title: 'Card tokenisation',
    description: '',
    owner: 'Sam',
    links: [],
    controls: ['nist-sp-800-53-rev5#sc-28'],
    position: 1,
  });
  ledger.put('demoItems', {
    id: IDS.secondItem,
    demoId: IDS.demo,
    ...inSprint,
    key: 'PAY-143',
    title: 'Refund limits',
    description: '',
    owner: 'Ana',
    links: [],
    controls: [],
    position: 2,
  });
  const itemRow = { demoId: IDS.demo, itemId: IDS.item, ...inSprint, amendment: null };
  ledger.put('demoNotes', {
    id: IDS.question,
    ...itemRow,
    kind: 'question',
    text: 'Is the key rotated?',
    at,
    author: 'Dana',
    answer: null,
    answeredAt: null,
  });
  ledger.put('sprints', {
    ...ledger.rows('sprints').get(IDS.otherSprint),
    goal: 'Still confidential',
    updatedAt: at,
  });
  ledger.put('demoNotes', {
    id: IDS.removedNote,
    ...itemRow,
    kind: 'observation',
    text: 'typo',
    at,
    author: 'Dana',
    answer: null,
    answeredAt: null,
  });
  ledger.delete('demoNotes', IDS.removedNote);
  ledger.put('demoVerdicts', {
    id: IDS.verdict,
    ...itemRow,
    control: 'nist-sp-800-53-rev5#sc-28',
    verdict: 'satisfied',
    reason: '',
    expires: null,
    decidedAt: at,
    decidedBy: 'Dana',
  });
  ledger.put('evidenceBlobs', {
    sha256: SCAN_SHA256,
    size: SCAN_BYTES.byteLength,
    blob: new Blob([SCAN_BYTES], { type: 'application/xml' }),
    storedAt: at,
  });
  ledger.put('evidenceSummaries', {
    sha256: SCAN_SHA256,
    summary: { format: 'nmap' },
    parsedAt: at,
  });
  ledger.put('evidence', {
    id: IDS.evidence,
    ...base,
    sha256: SCAN_SHA256,
    fileName: 'scan.xml',
    mediaType: 'application/xml',
    size: SCAN_BYTES.byteLength,
    format: 'nmap',
    variant: '',
    parseError: null,
    headline: '1 port',
    sourceKey: 'nmap|host',
    attachedBy: 'Dana',
    attachedAt: at,
    effectiveFrom: '2026-11-26',
    effectiveTo: '2026-11-26',
    dating: 'tool',
    statedBy: '',
    freshnessDays: null,
    origin: {},
    notes: '',
  });
  ledger.put('evidence', {
    id: IDS.unrelatedEvidence,
    ...base,
    sha256: 'b'.repeat(64),
    fileName: 'old.xml',
    mediaType: 'application/xml',
    size: 3,
    format: 'nmap',
    variant: '',
    parseError: null,
    headline: '',
    sourceKey: 'nmap|host',
    attachedBy: 'Dana',
    attachedAt: '2026-01-05T10:00:00.000Z',
    effectiveFrom: '2026-01-05',
    effectiveTo: '2026-01-05',
    dating: 'tool',
    statedBy: '',
    freshnessDays: null,
    origin: {},
    notes: '',
  });
  ledger.put('demoEvidence', {
    id: IDS.demoEvidence,
    ...itemRow,
    evidenceId: IDS.evidence,
    name: 'scan.xml',
    size: SCAN_BYTES.byteLength,
    sha256: SCAN_SHA256,
    mediaType: 'application/xml',
    stored: true,
    attachedAt: at,
    attachedBy: 'Dana',
  });
  ledger.put('evidenceLinks', {
    id: IDS.controlLink,
    ...base,
    evidenceId: IDS.evidence,
    targetType: 'control',
    targetId: 'nist-sp-800-53-rev5#sc-28',
    linkedBy: 'Dana',
  });
  ledger.put('evidenceLinks', {
    id: IDS.itemLink,
    ...base,
    evidenceId: IDS.evidence,
    targetType: 'demo-item',
    targetId: IDS.item,
    linkedBy: 'Dana',
  });
  ledger.put('issues', {
    id: IDS.issue,
    workspaceId: IDS.workspace,
    number: 1,
    raisedInSprintId: IDS.sprint,
    title: 'Keys not rotated',
    source: { kind: 'demo-item', demoItemId: IDS.item, sprintId: IDS.sprint },
    links: { demoItemIds: [IDS.item], evidenceIds: [] },
    raisedAt: at,
    createdAt: at,
    updatedAt: at,
  });
  ledger.put('issues', {
    id: IDS.otherIssue,
    workspaceId: IDS.workspace,
    number: 2,
    raisedInSprintId: null,
    title: 'Old issue',
    source: { kind: 'manual' },
    links: { demoItemIds: [], evidenceIds: [] },
    raisedAt: '2026-01-05T10:00:00.000Z',
    createdAt: at,
    updatedAt: at,
  });
  ledger.put('demoIssues', {
    id: IDS.demoIssue,
    ...itemRow,
    title: 'Keys not rotated',
    priority: 'P1',
    control: null,
    description: '',
    raisedAt: at,
    raisedBy: 'Dana',
    trackerId: IDS.issue,
  });
  ledger.put('reports', {
    id: IDS.report,
    ...inSprint,
    kind: 'sprint-demo-record',
    reportId: 'R-1',
    title: 'Sprint 14',
    fileName: 'r.pdf',
    path: null,
    size: 10,
    sha256: 'c'.repeat(64),
    signers: ['Dana'],
    verdict: 'valid',
    createdAt: at,
  });
  ledger.put('sprints', {
    id: IDS.laterSprint,
    ...base,
    name: 'Sprint 15',
    goal: '',
    teamId: null,
    startDate: '2026-11-30',
    endDate: '2026-12-11',
  });
  ledger.put('demos', {
    id: IDS.laterDemo,
    ...base,
    sprintId: IDS.laterSprint,
    title: 'Sprint 15 demo',
    date: '2026-12-10',
    facilitator: 'Dana',
    attendees: [],
    startedAt: null,
    signOff: null,
    amendments: [],
  });
  ledger.put('demoItems', {
    id: IDS.laterItem,
    demoId: IDS.laterDemo,
    ...base,
    sprintId: IDS.laterSprint,
    key: 'PAY-150',
    title: 'Later work',
    description: '',
    owner: 'Sam',
    links: [],
    controls: [],
    position: 1,
  });
  return ledger;
}

/** Appends one entry to an archive held in memory, as main appends a signature to a file. */
export function appendToArchive(
  archive: Uint8Array,
  name: string,
  data: Uint8Array,
): Uint8Array<ArrayBuffer> {
  return concatBytes([
    archive.subarray(0, archive.byteLength - END_OF_ARCHIVE.byteLength),
    encodeTarHeader({ name, size: data.byteLength, mtime: 1_795_000_000 }),
    data,
    new Uint8Array(paddingFor(data.byteLength)),
    END_OF_ARCHIVE,
  ]);
}
