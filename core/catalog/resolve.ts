import type { ControlRef } from '../model/refs';
import { ControlRef as ControlRefSchema } from '../model/refs';
import type { ControlSearchIndex } from './search';
import { normaliseControlId, searchControls } from './search';

/**
 * How every control field reads what a person typed: `cm-8`, `AC-2(1)`, `V5.1.1`,
 * `nist-sp-800-53-rev5#ra-5`, several of them separated by spaces, commas or semicolons, or words
 * of a title (`account management`).
 *
 * - A full reference (`catalog#control`) is taken as typed, known to a loaded catalog or not
 *   (a catalog may be imported later).
 * - An identifier in any common spelling is the control of that id in the loaded catalogs (the
 *   search's best identifier match, as the control search offers it first).
 * - Words that are neither are refused (`unmatched`), unless the field shows the search's matches
 *   as the words are typed (`bestMatchOfWords`, the agenda's control field): then the whole text
 *   is a search and its best match, already on screen, is the control.
 * Nothing is guessed past that: a field without a visible match list never picks one unseen.
 */
export interface ResolvedControls {
  refs: ControlRef[];
  /** Words that name no control, for the field's error. */
  unmatched: string[];
}

/** Most words read as separate identifiers; past this the text is a search, not a list. */
const MAX_TOKENS = 200;

export function splitControlText(text: string): string[] {
  return text
    .trim()
    .split(/[\s,;]+/)
    .filter((token) => token !== '');
}

export function resolveControlText(
  text: string,
  index: ControlSearchIndex,
  options: { catalogIds?: readonly string[]; bestMatchOfWords?: boolean } = {},
): ResolvedControls {
  const tokens = splitControlText(text).slice(0, MAX_TOKENS);
  if (tokens.length === 0) return { refs: [], unmatched: [] };
  const typed = tokens.filter((token) => ControlRefSchema.safeParse(token).success);
  const words = tokens.filter((token) => !typed.includes(token));
  const named = words.map((token) => identifierMatch(token, index, options.catalogIds));
  const unmatched = words.filter((_, position) => named[position] === null);
  if (options.bestMatchOfWords && unmatched.length > 0 && unmatched.length === words.length) {
    // No word is an identifier: together they are a search (a title, words of a statement).
    const best = searchControls(index, words.join(' '), {
      limit: 1,
      ...(options.catalogIds ? { catalogIds: options.catalogIds } : {}),
    })[0];
    if (best !== undefined) return { refs: unique([...typed, best.ref]), unmatched: [] };
  }
  const identified = named.filter((ref): ref is ControlRef => ref !== null);
  return { refs: unique([...typed, ...identified]), unmatched };
}

function unique(refs: ControlRef[]): ControlRef[] {
  return [...new Set(refs)];
}

/** The control an identifier names (`cm-8`, `AC-2(1)`, `A.8.8`), or null when none does. */
function identifierMatch(
  token: string,
  index: ControlSearchIndex,
  catalogIds: readonly string[] | undefined,
): ControlRef | null {
  const [best] = searchControls(index, token, {
    limit: 1,
    ...(catalogIds ? { catalogIds } : {}),
  });
  if (best?.matchedOn !== 'id') return null;
  // Only an exact identifier names a control: `ac-2` is not `ac-2.1`, which the search also finds.
  const key = normaliseControlId(token);
  const exact =
    normaliseControlId(best.label) === key ||
    normaliseControlId(best.ref.slice(best.ref.indexOf('#') + 1)) === key;
  return exact ? best.ref : null;
}

/** The field error for words that name no control. */
export function unmatchedControlsMessage(unmatched: readonly string[]): string {
  return `No control matches “${unmatched.join(' ')}”. Type an id (cm-8, V5.1.1, A.8.8), words of its title, or catalog#control, e.g. nist-sp-800-53-rev5#ac-2.`;
}
