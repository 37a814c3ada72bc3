import { counted, formatNumber } from '../../lib/format';
import type { AllFindings } from './useAllFindings';

/**
 * The sentence above the findings table: how many findings the file holds and how many the
 * table shows. It never lets a listed subset pass for the whole: when fewer are listed than the
 * file holds, it says how many, and why (still reading, the reader's budget, a failed read).
 */
export function findingsCountText(all: AllFindings, shown: number, filtered: boolean): string {
  const listed = all.items.length;
  const total = all.total;
  const matching = filtered ? `${formatNumber(shown)} of ` : '';
  if (listed >= total) {
    const sentence = filtered
      ? `${matching}${counted(total, 'finding')} match.`
      : `${counted(total, 'finding')}.`;
    return all.state === 'read' && all.storedTotal !== total
      ? `${sentence} The file read now holds ${formatNumber(total)}; its stored summary says ${formatNumber(all.storedTotal)}.`
      : sentence;
  }
  const first = `First ${formatNumber(listed)} of ${counted(total, 'finding')} shown`;
  const match = filtered ? ` ${formatNumber(shown)} of them match.` : '';
  if (all.state === 'reading') {
    const read =
      all.size > 0 ? ` (${Math.min(99, Math.floor((all.bytes / all.size) * 100))} % read)` : '';
    return `${first} while the stored file is read for the rest${read}.${match}`;
  }
  if (all.state === 'failed') return `${first}: the rest could not be read.${match}`;
  return `${first}, the file holds more than the reader's budget.${match}`;
}
