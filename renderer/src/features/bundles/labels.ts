/** How records of a bundle read to people: in conflicts, plans and observation targets. */

/** Each table's record, singular and plural. */
const TABLE_NAMES: Readonly<Record<string, readonly [string, string]>> = {
  workspaces: ['Workspace', 'workspaces'],
  teams: ['Team', 'teams'],
  sprints: ['Sprint', 'sprints'],
  demos: ['Demo', 'demos'],
  demoItems: ['Agenda item', 'agenda items'],
  demoNotes: ['Note', 'notes'],
  demoVerdicts: ['Verdict', 'verdicts'],
  demoEvidence: ['Evidence reference', 'evidence references'],
  demoIssues: ['Raised issue', 'raised issues'],
  demoSignOffs: ['Sign-off signature', 'sign-off signatures'],
  evidence: ['Evidence', 'evidence attachments'],
  evidenceLinks: ['Evidence link', 'evidence links'],
  evidenceBlobs: ['Stored file', 'stored files'],
  evidenceSummaries: ['Evidence summary', 'evidence summaries'],
  issues: ['Security issue', 'security issues'],
  postMortems: ['Post-mortem', 'post-mortems'],
  reports: ['Signed report', 'signed reports'],
  reviewObservations: ['Review observation', 'review observations'],
};

export function tableName(table: string): string {
  return TABLE_NAMES[table]?.[0] ?? table;
}

/** `1 note`, `3 agenda items`. */
export function countOf(table: string, count: number): string {
  const [one, many] = TABLE_NAMES[table] ?? [table, table];
  return `${count} ${count === 1 ? one.toLowerCase() : many}`;
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function shorten(value: string, length = 80): string {
  const flat = value.replace(/\s+/g, ' ').trim();
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/** A record's name for people: `PAY-142 Card tokenisation`, `“Is the key rotated?”`. */
export function recordLabel(table: string, value: unknown, key: string): string {
  const row = typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : {};
  switch (table) {
    case 'demoItems':
      return shorten(`${text(row['key'])} ${text(row['title'])}`);
    case 'demoNotes':
    case 'reviewObservations':
      return `“${shorten(text(row['text']), 60)}”`;
    case 'demoVerdicts':
      return `${text(row['control'])}: ${text(row['verdict'])}`;
    case 'demos':
      return shorten(`${text(row['title'])} (${text(row['date'])})`);
    case 'evidence':
      return shorten(text(row['fileName']));
    case 'issues':
      return shorten(
        `SEC-${typeof row['number'] === 'number' ? row['number'] : '?'} ${text(row['title'])}`,
      );
    case 'demoSignOffs': {
      const signer = row['signer'];
      const subject =
        typeof signer === 'object' && signer !== null
          ? text((signer as Record<string, unknown>)['subject'])
          : '';
      return shorten(`Signed by ${subject || 'an unknown signer'}`);
    }
    case 'demoIssues':
    case 'reports':
      return shorten(text(row['title']));
    default:
      return shorten(text(row['name']) || text(row['title']) || key);
  }
}

/** Records a reviewer is likely to comment on, in this order. */
export const OBSERVABLE_TABLES = [
  'demos',
  'demoItems',
  'demoVerdicts',
  'demoNotes',
  'evidence',
  'issues',
  'reports',
] as const;
