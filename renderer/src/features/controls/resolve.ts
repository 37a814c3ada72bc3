import type { ResolvedControls } from '../../../../core/catalog/resolve';
import {
  resolveControlText,
  splitControlText,
  unmatchedControlsMessage,
} from '../../../../core/catalog/resolve';
import type { ControlRef } from '../../../../core/model';
import { ControlRef as ControlRefSchema } from '../../../../core/model';
import { ValidationError } from '../../lib/validation';
import { loadedCatalogs } from './library';

/**
 * The one reading of a control field, for every form that takes controls (agenda items,
 * evidence links, issues, alert rules): identifiers in any spelling (`cm-8`), full references,
 * or words of a title, against every loaded catalog (core/catalog/resolve.ts).
 */
export async function resolveControls(
  text: string,
  options: { bestMatchOfWords?: boolean } = {},
): Promise<ResolvedControls> {
  const tokens = splitControlText(text);
  // Catalogs load only when something typed needs them (not for blanks or full references).
  if (tokens.every((token) => ControlRefSchema.safeParse(token).success))
    return { refs: [...new Set(tokens)], unmatched: [] };
  const { index } = await loadedCatalogs();
  return resolveControlText(text, index, options);
}

/** The hint under a control field. */
export const CONTROL_FIELD_HINT =
  'Ids such as cm-8, V5.1.1 or A.8.8, several separated by spaces or commas; or catalog#control for a catalog not loaded yet.';

/**
 * A form's control field read at submit: its references, or a ValidationError on `field` naming
 * the words that match no control (so nothing is saved with a control quietly dropped).
 */
export async function controlsOfField(text: string, field: string): Promise<ControlRef[]> {
  const { refs, unmatched } = await resolveControls(text);
  if (unmatched.length > 0)
    throw new ValidationError({ [field]: unmatchedControlsMessage(unmatched) });
  return refs;
}
