import type { Finding, Severity } from './model';
import { SEVERITIES } from './model';

/**
 * What the findings table shows of a file's findings: which rows match the reader's search and
 * filters, in which order, and grouped how. Plain functions over the list, so the table only
 * draws and the rules are tested on their own.
 */

/** A finding's standing: open, or a suppression that is recorded but not in force. */
export const FINDING_STATUSES = ['open', 'underReview', 'rejected', 'unknown'] as const;
export type FindingStatus = (typeof FINDING_STATUSES)[number];

export const FINDING_STATUS_LABELS: Readonly<Record<FindingStatus, string>> = {
  open: 'Open',
  underReview: 'Suppression under review',
  rejected: 'Suppression rejected',
  unknown: 'Suppression of unknown status',
};

export const FINDING_SORT_KEYS = ['severity', 'rule', 'file'] as const;
export type FindingSortKey = (typeof FINDING_SORT_KEYS)[number];

export const FINDING_GROUPS = ['none', 'rule', 'severity', 'file'] as const;
export type FindingGroup = (typeof FINDING_GROUPS)[number];

export interface FindingQuery {
  /** Words every shown finding holds (rule, title, location, component or message), any case. */
  search: string;
  /** `all`, or the one severity shown. */
  severity: Severity | 'all';
  status: FindingStatus | 'all';
  sort: { key: FindingSortKey; ascending: boolean };
}

export const DEFAULT_FINDING_QUERY: FindingQuery = {
  search: '',
  severity: 'all',
  status: 'all',
  sort: { key: 'severity', ascending: true },
};

export function findingStatus(finding: Finding): FindingStatus {
  return finding.suppression ?? 'open';
}

/** The file a location names: the location without a trailing `:line` or `:line:column`. */
export function fileOf(location: string): string {
  let end = location.length;
  for (let part = 0; part < 2; part += 1) {
    const colon = location.lastIndexOf(':', end - 1);
    if (colon <= 0 || colon === end - 1 || !isDigits(location, colon + 1, end)) break;
    end = colon;
  }
  return location.slice(0, end);
}

function isDigits(text: string, from: number, to: number): boolean {
  for (let index = from; index < to; index += 1) {
    const code = text.charCodeAt(index);
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/**
 * A location in two parts for a narrow cell: `tail`, the file name with its line (what tells
 * findings apart), is shown whole; `head`, the folders before it, gives way to an ellipsis.
 */
export function splitLocation(location: string): { head: string; tail: string } {
  const file = fileOf(location);
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  // A URL's host or a bare name has no folder worth keeping apart.
  if (slash <= 0 || slash === file.length - 1) return { head: '', tail: location };
  return { head: location.slice(0, slash + 1), tail: location.slice(slash + 1) };
}

const severityRank = (severity: Severity): number => SEVERITIES.indexOf(severity);

const compareText = (left: string, right: string): number =>
  left < right ? -1 : left > right ? 1 : 0;

function sortValue(finding: Finding, key: FindingSortKey): string | number {
  if (key === 'severity') return severityRank(finding.severity);
  if (key === 'rule') return finding.rule.toLowerCase();
  return fileOf(finding.location).toLowerCase();
}

/** The location's line, for ordering findings of one file by where they are. */
function lineOf(location: string): number {
  const file = fileOf(location);
  const line = Number.parseInt(location.slice(file.length + 1), 10);
  return Number.isFinite(line) ? line : 0;
}

/** Whether `finding` holds every word of `search` (already lower case) in a field shown. */
function holds(finding: Finding, words: readonly string[]): boolean {
  if (words.length === 0) return true;
  const haystack = [
    finding.rule,
    finding.title,
    finding.location,
    finding.component ?? '',
    finding.message ?? '',
  ]
    .join('\n')
    .toLowerCase();
  return words.every((word) => haystack.includes(word));
}

export function searchWords(search: string): string[] {
  return search.toLowerCase().split(/\s+/u).filter(Boolean);
}

/**
 * The findings that match `query`, sorted by its key (severity ascending is most severe first);
 * ties keep a fixed order (severity, rule, file, line, then the file's own order), so the same
 * query always shows the same list.
 */
export function selectFindings(items: readonly Finding[], query: FindingQuery): Finding[] {
  const words = searchWords(query.search);
  const kept: { finding: Finding; index: number }[] = [];
  items.forEach((finding, index) => {
    if (query.severity !== 'all' && finding.severity !== query.severity) return;
    if (query.status !== 'all' && findingStatus(finding) !== query.status) return;
    if (!holds(finding, words)) return;
    kept.push({ finding, index });
  });
  const direction = query.sort.ascending ? 1 : -1;
  const tieBreaks = FINDING_SORT_KEYS.filter((key) => key !== query.sort.key);
  kept.sort((a, b) => {
    const primary = compareValues(
      sortValue(a.finding, query.sort.key),
      sortValue(b.finding, query.sort.key),
    );
    if (primary !== 0) return primary * direction;
    for (const key of tieBreaks) {
      const order = compareValues(sortValue(a.finding, key), sortValue(b.finding, key));
      if (order !== 0) return order;
    }
    return lineOf(a.finding.location) - lineOf(b.finding.location) || a.index - b.index;
  });
  return kept.map((entry) => entry.finding);
}

function compareValues(left: string | number, right: string | number): number {
  return typeof left === 'number' && typeof right === 'number'
    ? left - right
    : compareText(String(left), String(right));
}

/** One group of findings: its key, what it is called, and how many of each severity it holds. */
export interface FindingGroupHead {
  key: string;
  label: string;
  count: number;
  bySeverity: Partial<Record<Severity, number>>;
}

/** A line of the grouped table: a group's heading, or a finding in it. */
export type FindingLine =
  | { type: 'group'; group: FindingGroupHead; expanded: boolean }
  | { type: 'finding'; finding: Finding; group: string | null };

function groupKeyOf(finding: Finding, group: Exclude<FindingGroup, 'none'>): string {
  if (group === 'rule') return finding.rule;
  if (group === 'severity') return finding.severity;
  return fileOf(finding.location);
}

/**
 * The selected findings as table lines: ungrouped, one line per finding; grouped, a heading per
 * group followed by its findings unless the group is collapsed. Groups by severity come in
 * severity order; others by their most severe finding, then size, then name. Within a group the
 * findings keep the order they came in (the query's sort).
 */
export function groupFindings(
  selected: readonly Finding[],
  group: FindingGroup,
  collapsed: ReadonlySet<string> = new Set(),
): FindingLine[] {
  if (group === 'none')
    return selected.map((finding) => ({ type: 'finding', finding, group: null }));
  const groups = new Map<string, { head: FindingGroupHead; worst: number; items: Finding[] }>();
  for (const finding of selected) {
    const key = groupKeyOf(finding, group);
    let entry = groups.get(key);
    if (!entry) {
      entry = {
        head: { key, label: key || '(none)', count: 0, bySeverity: {} },
        worst: SEVERITIES.length,
        items: [],
      };
      groups.set(key, entry);
    }
    entry.head.count += 1;
    entry.head.bySeverity[finding.severity] = (entry.head.bySeverity[finding.severity] ?? 0) + 1;
    entry.worst = Math.min(entry.worst, severityRank(finding.severity));
    entry.items.push(finding);
  }
  const ordered = [...groups.values()].sort(
    (a, b) =>
      a.worst - b.worst ||
      (group === 'severity' ? 0 : b.head.count - a.head.count) ||
      compareText(a.head.key, b.head.key),
  );
  const lines: FindingLine[] = [];
  for (const entry of ordered) {
    const expanded = !collapsed.has(entry.head.key);
    lines.push({ type: 'group', group: entry.head, expanded });
    if (expanded)
      for (const finding of entry.items)
        lines.push({ type: 'finding', finding, group: entry.head.key });
  }
  return lines;
}

/** How many findings of each status the list holds (statuses with none are left out). */
export function statusCounts(items: readonly Finding[]): Map<FindingStatus, number> {
  const counts = new Map<FindingStatus, number>();
  for (const finding of items) {
    const status = findingStatus(finding);
    counts.set(status, (counts.get(status) ?? 0) + 1);
  }
  return counts;
}
