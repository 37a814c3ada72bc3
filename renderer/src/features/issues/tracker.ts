import type { SecurityIssue } from '../../../../core/model';
import { SecurityIssue as SecurityIssueSchema, newId } from '../../../../core/model';
import { applyImported } from '../../../../core/tracker/apply';
import type { ImportedIssue, ImportResult } from '../../../../core/tracker/imported';
import { exportFileName, exportJiraCsv } from '../../../../core/tracker/jira-csv';
import { parseJiraCsv } from '../../../../core/tracker/jira-csv';
import { parseJiraJson } from '../../../../core/tracker/jira-json';
import { getApi } from '../../app/api';
import { currentActor, db } from '../../db';
import { parseOrThrow } from '../../lib/validation';
import { readSlaPolicy } from './policy';

/** Jira import and CSV export for the Issues area. */

export interface TrackerFile {
  name: string;
  text: string;
}

/** Reads a Jira export (REST JSON, or CSV by its extension or content) without storing anything. */
export function readTrackerFile(
  file: TrackerFile,
  timeZone: string,
  fieldList?: string,
): ImportResult {
  const looksJson = /\.json$/i.test(file.name) || /^\s*[[{]/.test(file.text);
  return looksJson
    ? parseJiraJson(
        file.text,
        fieldList === undefined ? { timeZone } : { timeZone, fields: fieldList },
      )
    : parseJiraCsv(file.text, { timeZone });
}

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/**
 * Stores tracker issues in one transaction (all or nothing), matched to existing issues by Demo
 * Ledger id (our own exports) and then by tracker key, so importing again updates in place.
 */
export async function importTrackerIssues(
  workspaceId: string,
  imported: readonly ImportedIssue[],
): Promise<ImportCounts> {
  return db.audited('import', ['issues', 'slaPolicies', 'workspaces'], async () => {
    if (!(await db.workspaces.get(workspaceId)))
      throw new Error('This workspace no longer exists.');
    const policy = await readSlaPolicy(workspaceId);
    const last = await db.issues
      .where('[workspaceId+number]')
      .between([workspaceId, 0], [workspaceId, Number.MAX_SAFE_INTEGER])
      .last();
    let number = last?.number ?? 0;
    const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
    const context = {
      workspaceId,
      now: Date.now(),
      actor: currentActor(),
      policy,
      newId,
      nextNumber: () => (number += 1),
    };
    for (const row of imported) {
      const existing = await findExisting(workspaceId, row);
      const outcome = applyImported(row, existing, context);
      counts[outcome.kind] += 1;
      if (outcome.kind !== 'unchanged')
        await db.issues.put(parseOrThrow(SecurityIssueSchema, outcome.issue));
    }
    return counts;
  });
}

async function findExisting(
  workspaceId: string,
  row: ImportedIssue,
): Promise<SecurityIssue | undefined> {
  if (row.ledgerId !== null) {
    const own = await db.issues.get(row.ledgerId);
    if (own?.workspaceId === workspaceId) return own;
  }
  if (row.trackerKey === null) return undefined;
  return db.issues.where('[workspaceId+trackerKey]').equals([workspaceId, row.trackerKey]).first();
}

/** Saves the workspace's issues as CSV for Jira's importer; resolves to the saved path. */
export async function exportIssuesCsv(workspaceId: string): Promise<string | null> {
  const issues = await db.issues.where('workspaceId').equals(workspaceId).sortBy('number');
  const policy = await readSlaPolicy(workspaceId);
  const csv = exportJiraCsv(issues);
  const saved = await getApi().fileSave({
    suggestedName: exportFileName(Date.now(), policy.timeZone),
    data: new TextEncoder().encode(csv),
    description: 'CSV for Jira',
  });
  return saved.path;
}
