import type { DocumentBlock, PostMortemDocument } from './document';

/**
 * Markdown for version control. Authors may use Markdown in their text; raw HTML is neutralised
 * (`<` becomes `&lt;`) so a viewer never renders markup from the post-mortem as HTML.
 */
export function escapeHtml(text: string): string {
  return text.replace(/</g, '&lt;');
}

function cell(text: string): string {
  return escapeHtml(text).replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}

function inline(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, ' ');
}

function block(value: DocumentBlock): string {
  switch (value.kind) {
    case 'text':
      return escapeHtml(value.text.replace(/\r\n/g, '\n'));
    case 'list':
      return value.items.map((item) => `- ${inline(item)}`).join('\n');
    case 'table': {
      const header = `| ${value.headers.map(cell).join(' | ')} |`;
      const rule = `| ${value.headers.map(() => '---').join(' | ')} |`;
      const rows = value.rows.map((row) => `| ${row.map(cell).join(' | ')} |`);
      return [header, rule, ...rows].join('\n');
    }
  }
}

export function renderMarkdown(document: PostMortemDocument): string {
  const parts = [
    `# Post-mortem: ${inline(document.title)}`,
    document.facts.map(([label, value]) => `- **${inline(label)}:** ${inline(value)}`).join('\n'),
    '> Blameless: this account looks for the conditions that made the issue possible, not for people to blame.',
    ...document.sections.map(
      (section) => `## ${inline(section.heading)}\n\n${section.blocks.map(block).join('\n\n')}`,
    ),
  ];
  return `${parts.join('\n\n')}\n`;
}

/** `postmortem-sec-12-sql-injection-in-search.md` */
export function markdownFileName(issueKeyText: string, title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|(?<!-)-+$/g, '')
    .slice(0, 60)
    .replace(/(?<!-)-+$/, '');
  return `postmortem-${issueKeyText.toLowerCase()}${slug ? `-${slug}` : ''}.md`;
}
