import type { Column } from '../layout';
import type { DocumentBlock, ReportDocument } from '../model';
import type { Flow } from './flow';

/**
 * A written document (a blameless post-mortem) in the report layout: each section a heading,
 * its text, lists and tables. The same document the Markdown export draws, so both say the same.
 */

/** `_Not written yet._` is emphasis in Markdown; on paper it is plain, muted text. */
function plain(text: string): { text: string; quiet: boolean } {
  const emphasised = /^_(.+)_$/s.exec(text.trim());
  return emphasised ? { text: emphasised[1] ?? '', quiet: true } : { text, quiet: false };
}

function columnsFor(headers: readonly string[], rows: readonly (readonly string[])[]): Column[] {
  return headers.map((header, index) => {
    const longest = Math.max(
      header.length,
      ...rows.slice(0, 200).map((row) => Math.min(120, (row[index] ?? '').length)),
    );
    return {
      key: `c${index}`,
      header,
      width: Math.min(10, Math.max(1.5, longest / 8)),
      align: 'left',
      compact: false,
    };
  });
}

function drawBlock(flow: Flow, block: DocumentBlock, label: string): void {
  switch (block.kind) {
    case 'text': {
      const { text, quiet } = plain(block.text);
      flow.paragraph(text, quiet ? { colour: flow.muted } : {});
      return;
    }
    case 'list':
      flow.list((item) => {
        for (const text of block.items) item(text, { indent: 8, after: 3 });
      });
      flow.space(3);
      return;
    case 'table':
      flow.table(
        columnsFor(block.headers, block.rows),
        block.rows.map((row) => ({ cells: block.headers.map((_, index) => row[index] ?? '') })),
        label,
      );
  }
}

export function drawDocument(flow: Flow, document: ReportDocument | undefined): void {
  if (document === undefined) {
    flow.paragraph('This report has no document.', { colour: flow.muted });
    return;
  }
  for (const section of document.sections) {
    flow.heading(section.heading, 2);
    for (const block of section.blocks) drawBlock(flow, block, section.heading);
  }
}
