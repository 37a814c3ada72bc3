import type { PostMortemDocument } from '../../../../core/postmortem/document';
import type { ReportDocument } from '../../../../core/report/model';
import type { ReportContributor } from '../reports/assemble';
import { postMortemDocument } from './export';

/**
 * A post-mortem as a signed report: the same document the Markdown export draws (summary,
 * impact, timeline, detection, contributing factors, lessons, action items, failed controls),
 * laid out by the report pipeline with the post-mortem layout.
 */

export function reportDocument(document: PostMortemDocument): ReportDocument {
  return {
    facts: document.facts.map(([label, value]) => [label, value]),
    sections: document.sections.map((section) => ({
      heading: section.heading,
      blocks: section.blocks.map((block) =>
        block.kind === 'table'
          ? { kind: 'table', headers: block.headers, rows: block.rows }
          : block.kind === 'list'
            ? { kind: 'list', items: block.items }
            : { kind: 'text', text: block.text },
      ),
    })),
  };
}

export const postMortemReportContribution: ReportContributor = async (context, model) => {
  if (context.request.kind !== 'post-mortem') return;
  const postMortem = await context.db.postMortems.get(context.request.postMortemId);
  if (postMortem?.workspaceId !== context.workspace.id)
    throw new Error('This post-mortem no longer exists.');
  const { document, key } = await postMortemDocument(postMortem.id);
  const issue = await context.db.issues.get(postMortem.issueId);
  model.title = `Post-mortem: ${document.title}`;
  model.subtitle = issue ? `${key} — ${issue.title}` : key;
  model.period = {
    start: (issue?.raisedAt ?? postMortem.createdAt).slice(0, 10),
    end: postMortem.updatedAt.slice(0, 10),
  };
  if (model.period.end < model.period.start) model.period.end = model.period.start;
  model.document = reportDocument(document);
};
