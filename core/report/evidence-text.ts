import { READING_LABELS, readingOf } from '../evidence/shown';
import type { Evidence } from './model';

/**
 * What a report's file showed, in words: its summary for a file read to its end; for a failed
 * or incomplete scan or a file no reader recognised, that first, and that it counts for nothing.
 */
export function shownText(item: Pick<Evidence, 'flag' | 'recognised' | 'summary'>): string {
  const reading = readingOf(item.flag, item.recognised);
  if (reading === 'read') return item.summary || 'nothing summarised';
  const label = READING_LABELS[reading];
  const said = item.summary.toLowerCase().startsWith(label) ? item.summary : '';
  const detail = item.summary && said === '' ? ` (${item.summary})` : said.slice(label.length);
  return `${label}${detail} — not counted as evidence for any control`;
}
