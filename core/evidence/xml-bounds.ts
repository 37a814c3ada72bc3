import { SaxesParser } from 'saxes';
import { EvidenceParseError } from './bytes';

/**
 * Keeps saxes's own buffers bounded. saxes gathers a text node, a CDATA section, a comment, an
 * attribute value or a name in one string until its end, whatever its length, so a capped reader
 * on top still held a 500 MB text node in full (2.1 GB). `readXml` therefore writes at most
 * WRITE_PIECE_CHARS at a time and, after each piece, `boundSaxes` empties or caps what saxes has
 * gathered so far:
 * - text and CDATA go to the caller's text sink at once (it keeps the capped part);
 * - comments and processing-instruction bodies are dropped (nobody reads them);
 * - an attribute value is cut to `maxValueChars`;
 * - names, DOCTYPE and XML declaration beyond MAX_MARKUP_CHARS, entity references beyond
 *   MAX_ENTITY_CHARS and more than MAX_ATTRIBUTES attributes on one element refuse the file.
 *
 * This reads saxes's private state (written against saxes 6.0.0). Its states are found by their handler
 * methods, not by number, and a missing one fails at load, so an upgrade cannot silently
 * undo the bounds; test/unit/core/evidence/xml-bounds.test.ts measures them.
 */

export const WRITE_PIECE_CHARS = 64 * 1024;
export const MAX_MARKUP_CHARS = 4 * 1024;
export const MAX_ENTITY_CHARS = 256;
export const MAX_ATTRIBUTES = 1024;

interface SaxesState {
  state: number;
  text: string;
  name: string;
  entity: string;
  entityReturnState: number | undefined;
  attribList: unknown[];
  stateTable: unknown[];
}

function internals(parser: SaxesParser): SaxesState {
  return parser as unknown as SaxesState;
}

const table = internals(new SaxesParser()).stateTable;
const prototype = SaxesParser.prototype as unknown as Record<string, unknown>;
function states(...methods: string[]): ReadonlySet<number> {
  return new Set(
    methods.map((method) => {
      const index = table.indexOf(prototype[method]);
      if (index === -1)
        throw new Error(`saxes has no ${method} state: xml-bounds.ts needs updating`);
      return index;
    }),
  );
}

const TEXT = states('sText', 'sCData', 'sCDataEnding', 'sCDataEnding2');
const DROPPED = states('sComment', 'sCommentEnding', 'sCommentEnded', 'sPIBody', 'sPIEnding');
const ATTRIBUTE_VALUE = states('sAttribValueQuoted', 'sAttribValueUnquoted');
const [ENTITY] = states('sEntity');

/** After a write: hands gathered text to `text`, drops or caps the rest, refuses what is too long. */
export function boundSaxes(
  parser: SaxesParser,
  sinks: { text: (text: string) => void; maxValueChars: number },
): void {
  const saxes = internals(parser);
  const { state } = saxes;
  const within = state === ENTITY ? saxes.entityReturnState : state;
  if (saxes.text.length > 0) {
    if (within !== undefined && TEXT.has(within)) {
      sinks.text(saxes.text);
      saxes.text = '';
    } else if (DROPPED.has(state)) {
      saxes.text = '';
    } else if (within !== undefined && ATTRIBUTE_VALUE.has(within)) {
      if (saxes.text.length > sinks.maxValueChars)
        saxes.text = saxes.text.slice(0, sinks.maxValueChars);
    } else if (saxes.text.length > MAX_MARKUP_CHARS) {
      throw new EvidenceParseError(
        `The XML has a DOCTYPE, declaration or processing instruction longer than ${MAX_MARKUP_CHARS} characters; refused.`,
      );
    }
  }
  if (saxes.name.length > MAX_MARKUP_CHARS)
    throw new EvidenceParseError(
      `The XML has an element or attribute name longer than ${MAX_MARKUP_CHARS} characters; refused.`,
    );
  if (saxes.entity.length > MAX_ENTITY_CHARS)
    throw new EvidenceParseError(
      `The XML has an entity reference longer than ${MAX_ENTITY_CHARS} characters; refused.`,
    );
  if (saxes.attribList.length > MAX_ATTRIBUTES)
    throw new EvidenceParseError(
      `The XML has an element with more than ${MAX_ATTRIBUTES} attributes; refused.`,
    );
}
