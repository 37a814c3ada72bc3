import type { ActionIssueSummary, PostMortemDocument } from '../../../../core/postmortem/document';
import { buildPostMortemDocument } from '../../../../core/postmortem/document';
import { markdownFileName, renderMarkdown } from '../../../../core/postmortem/markdown';
import { issueKey } from '../../../../core/model';
import { getApi } from '../../app/api';
import { db } from '../../db';
import { readSlaPolicy } from '../issues/policy';

/**
 * Post-mortem exports. Both formats draw the same PostMortemDocument (core/postmortem/document.ts):
 * Markdown as a file; PDF through the report pipeline (the post-mortem layout), signed like
 * every other report (`SignedPdfExport`, postmortems/reportContribution.ts).
 */
export type ExportFormat =
  | {
      id: 'markdown';
      label: string;
      kind: 'file';
      render: (
        document: PostMortemDocument,
      ) => Promise<{ bytes: Uint8Array<ArrayBuffer>; extension: string; description: string }>;
    }
  | { id: 'pdf'; label: string; kind: 'signed-report' };

export const EXPORT_FORMATS: readonly ExportFormat[] = [
  {
    id: 'markdown',
    label: 'Export Markdown',
    kind: 'file',
    render: async (document) => ({
      bytes: new TextEncoder().encode(renderMarkdown(document)),
      extension: 'md',
      description: 'Markdown document',
    }),
  },
  { id: 'pdf', label: 'Export signed PDF', kind: 'signed-report' },
];

export async function postMortemDocument(
  id: string,
): Promise<{ document: PostMortemDocument; key: string; title: string }> {
  const postMortem = await db.postMortems.get(id);
  if (!postMortem) throw new Error('This post-mortem no longer exists.');
  const issue = await db.issues.get(postMortem.issueId);
  if (!issue) throw new Error('The issue of this post-mortem no longer exists.');
  const actionIds = postMortem.actionItems.flatMap((action) =>
    action.issueId === null ? [] : [action.issueId],
  );
  const actionIssues = new Map<string, ActionIssueSummary>();
  for (const row of await db.issues.bulkGet(actionIds)) {
    if (row) actionIssues.set(row.id, { key: issueKey(row), status: row.status });
  }
  const policy = await readSlaPolicy(postMortem.workspaceId);
  return {
    document: buildPostMortemDocument(postMortem, issue, actionIssues, policy.timeZone),
    key: issueKey(issue),
    title: postMortem.title,
  };
}

/** Saves the post-mortem as a file (Markdown); resolves to the saved path, or null when cancelled. */
export async function exportPostMortem(id: string, format: 'markdown'): Promise<string | null> {
  const chosen = EXPORT_FORMATS.find((candidate) => candidate.id === format);
  if (chosen?.kind !== 'file') throw new Error(`${format} is not exported as a plain file.`);
  const { document, key, title } = await postMortemDocument(id);
  const { bytes, extension, description } = await chosen.render(document);
  const saved = await getApi().fileSave({
    suggestedName: markdownFileName(key, title).replace(/\.md$/, `.${extension}`),
    data: bytes,
    description,
  });
  return saved.path;
}
