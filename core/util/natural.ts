/**
 * Natural order for identifiers people read: numbers inside compare as numbers, so controls run
 * ac-1, ac-2, ac-11 (not ac-1, ac-11, ac-2) and V5.1.10 follows V5.1.9. Fixed to one collation
 * (not the user's locale) so lists, reports and tests order the same on every machine; exact
 * code-unit order breaks ties, so the order is total.
 */
const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

export function compareNatural(a: string, b: string): number {
  return collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** A sorted copy. */
export function sortNatural<T extends string>(values: Iterable<T>): T[] {
  return [...values].sort(compareNatural);
}
