import type { PDFObject } from '@cantoo/pdf-lib';
import {
  decodePDFRawStream,
  PDFArray,
  PDFBool,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFRawStream,
  PDFRef,
  PDFString,
} from '@cantoo/pdf-lib';

/**
 * A tagged-PDF checker for tests: walks the structure tree and every page's content streams and
 * reports, as sentences, what the checks of PDF/UA (ISO 14289-1, the Matterhorn protocol's
 * machine-checkable conditions) that apply to our reports find wrong:
 *
 * - every painted content item (text, path, image) is inside an Artifact or inside a
 *   marked-content sequence with an MCID; artifacts and tagged content never nest in each other;
 * - each MCID is reachable from the tree exactly once, each element's MCIDs exist on its page,
 *   and the ParentTree maps every MCID (and every link annotation) back to its element;
 * - /P of every element is its parent; only standard structure types are used;
 * - figures have alternate text, header cells a scope, tables rows of equal length, lists
 *   LI/Lbl/LBody, tables of contents TOCI, headings start at H1 and never skip a level;
 * - links are Link elements with the annotation as an OBJR, with /Contents; pages with
 *   annotations have /Tabs /S;
 * - the catalog says /MarkInfo /Marked true, /Lang, and /DisplayDocTitle with a title, and its
 *   XMP metadata has that title as dc:title.
 */

const STANDARD = new Set(
  (
    'Document Part Art Sect Div BlockQuote Caption TOC TOCI Index NonStruct Private P H H1 H2 H3 ' +
    'H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot Span Quote Note Reference BibEntry ' +
    'Code Link Annot Ruby RB RT RP Warichu WT WP Figure Formula Form'
  ).split(' '),
);

const PAINTING = new Set([
  'Tj',
  'TJ',
  "'",
  '"',
  'S',
  's',
  'f',
  'F',
  'f*',
  'B',
  'B*',
  'b',
  'b*',
  'Do',
  'sh',
]);

/** Inline images (BI … ID … EI) carry binary data this lexer does not read. */
const INLINE_IMAGE = new Set(['BI']);

export interface TaggedSummary {
  problems: string[];
  /** How many elements of each structure type. */
  roles: Map<string, number>;
  /** Marked-content sequences: tagged (with an MCID) and artifacts. */
  marked: { tagged: number; artifacts: number };
  /** Headings in reading order, e.g. `H2 Summary`. */
  headings: string[];
  /** Alternate text of each figure. */
  figures: string[];
}

class Name {
  constructor(readonly name: string) {}
}
type Operand = number | string | Name | Operand[] | Map<string, Operand>;

/** A content-stream lexer: enough PDF syntax for operators and their operands. */
function* operations(text: string): Generator<{ operator: string; operands: Operand[] }> {
  let at = 0;
  const stack: Operand[][] = [[]];
  const keys: boolean[] = [];
  const isSpace = (char: string): boolean => ' \t\r\n\f\0'.includes(char);
  const isDelimiter = (char: string): boolean => '()<>[]{}/%'.includes(char) || isSpace(char);
  const add = (value: Operand): void => {
    stack.at(-1)?.push(value);
  };
  while (at < text.length) {
    const char = text.charAt(at);
    if (isSpace(char)) at += 1;
    else if (char === '%') while (at < text.length && text.charAt(at) !== '\n') at += 1;
    else if (char === '/') {
      let end = at + 1;
      while (end < text.length && !isDelimiter(text.charAt(end))) end += 1;
      add(new Name(text.slice(at + 1, end)));
      at = end;
    } else if (char === '(') {
      let depth = 0;
      let end = at;
      for (; end < text.length; end += 1) {
        const c = text.charAt(end);
        if (c === '\\') end += 1;
        else if (c === '(') depth += 1;
        else if (c === ')' && --depth === 0) break;
      }
      add(text.slice(at + 1, end));
      at = end + 1;
    } else if (text.startsWith('<<', at) || char === '[') {
      stack.push([]);
      keys.push(char === '<');
      at += char === '[' ? 1 : 2;
    } else if (text.startsWith('>>', at) || char === ']') {
      const items = stack.pop() ?? [];
      const dict = keys.pop();
      if (dict) {
        const value = new Map<string, Operand>();
        for (let index = 0; index + 1 < items.length; index += 2) {
          const key = items[index];
          if (key instanceof Name) value.set(key.name, items[index + 1] ?? 0);
        }
        add(value);
      } else add(items);
      at += char === ']' ? 1 : 2;
    } else if (char === '<') {
      const end = text.indexOf('>', at);
      add(text.slice(at + 1, end));
      at = end + 1;
    } else {
      let end = at + 1;
      while (end < text.length && !isDelimiter(text.charAt(end))) end += 1;
      const token = text.slice(at, end);
      at = end;
      if (/^[+-]?(?:\d+(?:\.\d*)?|\.\d+)$/.test(token)) add(Number(token));
      else {
        if (INLINE_IMAGE.has(token))
          throw new Error('inline images are not expected in report pages');
        yield { operator: token, operands: stack[0] ?? [] };
        stack[0] = [];
      }
    }
  }
}

function textOf(object: PDFObject | undefined): string | undefined {
  if (object instanceof PDFString || object instanceof PDFHexString) return object.decodeText();
  return undefined;
}

function nameOf(object: PDFObject | undefined): string | undefined {
  return object instanceof PDFName ? object.decodeText() : undefined;
}

/** Entries of a number tree (its /Nums, through /Kids). */
function numberTree(doc: PDFDocument, node: PDFDict, out: Map<number, PDFObject>, depth = 0): void {
  if (depth > 20) return;
  const nums = node.lookupMaybe(PDFName.of('Nums'), PDFArray);
  for (let index = 0; nums && index + 1 < nums.size(); index += 2) {
    const key = nums.lookupMaybe(index, PDFNumber)?.asNumber();
    const value = nums.get(index + 1);
    if (key !== undefined && value !== undefined) out.set(key, value);
  }
  const kids = node.lookupMaybe(PDFName.of('Kids'), PDFArray);
  for (let index = 0; kids && index < kids.size(); index += 1) {
    const kid = kids.lookupMaybe(index, PDFDict);
    if (kid) numberTree(doc, kid, out, depth + 1);
  }
}

function contentText(doc: PDFDocument, contents: PDFObject | undefined): string {
  const streams: PDFObject[] = [];
  const resolved = contents instanceof PDFRef ? doc.context.lookup(contents) : contents;
  if (resolved instanceof PDFArray)
    for (let index = 0; index < resolved.size(); index += 1) {
      const stream = resolved.lookup(index);
      if (stream !== undefined) streams.push(stream);
    }
  else if (resolved !== undefined) streams.push(resolved);
  return streams
    .map((stream) => {
      if (!(stream instanceof PDFRawStream)) return '';
      return new TextDecoder('latin1').decode(decodePDFRawStream(stream).decode());
    })
    .join('\n');
}

const XML_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
};

/** The dc:title of an XMP metadata stream (our own writer's layout), unescaped. */
function metadataTitle(stream: PDFRawStream | undefined): string | undefined {
  if (stream === undefined) return undefined;
  const xmp = new TextDecoder().decode(decodePDFRawStream(stream).decode());
  const title = /<dc:title>\s*<rdf:Alt>\s*<rdf:li xml:lang="x-default">([^<]*)<\/rdf:li>/.exec(xmp);
  return title?.[1]?.replace(
    /&(amp|lt|gt|quot|apos);/g,
    (_, name: string) => XML_ENTITIES[name] ?? '',
  );
}

export async function checkTaggedPdf(bytes: Uint8Array): Promise<TaggedSummary> {
  const doc = await PDFDocument.load(bytes, { updateMetadata: false });
  const problems: string[] = [];
  const summary: TaggedSummary = {
    problems,
    roles: new Map(),
    marked: { tagged: 0, artifacts: 0 },
    headings: [],
    figures: [],
  };
  const { catalog, context } = doc;

  const markInfo = catalog.lookupMaybe(PDFName.of('MarkInfo'), PDFDict);
  if (markInfo?.get(PDFName.of('Marked')) !== PDFBool.True)
    problems.push('/MarkInfo /Marked is not true');
  if (!textOf(catalog.lookup(PDFName.of('Lang')))) problems.push('the catalog has no /Lang');
  const preferences = catalog.lookupMaybe(PDFName.of('ViewerPreferences'), PDFDict);
  if (preferences?.get(PDFName.of('DisplayDocTitle')) !== PDFBool.True)
    problems.push('/ViewerPreferences /DisplayDocTitle is not true');
  if (!doc.getTitle()) problems.push('the document has no title');
  const metadata = catalog.lookup(PDFName.of('Metadata'));
  const xmpTitle = metadataTitle(metadata instanceof PDFRawStream ? metadata : undefined);
  if (xmpTitle === undefined) problems.push('the catalog has no XMP metadata with a dc:title');
  else if (xmpTitle !== doc.getTitle())
    problems.push(`the XMP dc:title "${xmpTitle}" is not the document's title`);

  const rootRef = catalog.get(PDFName.of('StructTreeRoot'));
  const root = catalog.lookupMaybe(PDFName.of('StructTreeRoot'), PDFDict);
  if (!(rootRef instanceof PDFRef) || root === undefined) {
    problems.push('no /StructTreeRoot');
    return summary;
  }
  if (root.lookupMaybe(PDFName.of('RoleMap'), PDFDict) !== undefined)
    problems.push('a RoleMap is present: custom structure types need checking by hand');

  /** `<page ref> <mcid>` → element ref, for every MCID the tree reaches. */
  const tagged = new Map<string, string>();
  /** Annotation ref → the element whose OBJR it is. */
  const annotationOwners = new Map<string, string>();
  const visited = new Set<string>();
  let headingLevel = 0;

  const visit = (ref: PDFRef, parent: PDFRef): void => {
    const key = ref.toString();
    if (visited.has(key)) {
      problems.push(`element ${key} is reached twice`);
      return;
    }
    visited.add(key);
    const element = context.lookupMaybe(ref, PDFDict);
    if (element === undefined) {
      problems.push(`element ${key} is not a dictionary`);
      return;
    }
    const role = nameOf(element.get(PDFName.of('S'))) ?? '';
    summary.roles.set(role, (summary.roles.get(role) ?? 0) + 1);
    if (!STANDARD.has(role)) problems.push(`element ${key} has the non-standard type /${role}`);
    const back = element.get(PDFName.of('P'));
    if (!(back instanceof PDFRef) || back !== parent)
      problems.push(`element ${key} (${role}) does not name its parent ${parent.toString()} as /P`);
    const page = element.get(PDFName.of('Pg'));
    const kidsEntry = element.get(PDFName.of('K'));
    const kids: PDFObject[] = [];
    if (kidsEntry instanceof PDFArray)
      for (let i = 0; i < kidsEntry.size(); i += 1) kids.push(kidsEntry.get(i));
    else if (kidsEntry !== undefined) kids.push(kidsEntry);
    const childRoles: string[] = [];
    for (const kid of kids) {
      if (kid instanceof PDFNumber) {
        if (!(page instanceof PDFRef)) problems.push(`element ${key} has an MCID but no /Pg`);
        const mark = `${String(page)} ${kid.asNumber()}`;
        if (tagged.has(mark)) problems.push(`MCID ${mark} belongs to two elements`);
        tagged.set(mark, key);
        continue;
      }
      const kidDict =
        kid instanceof PDFRef
          ? context.lookupMaybe(kid, PDFDict)
          : kid instanceof PDFDict
            ? kid
            : undefined;
      const type = nameOf(kidDict?.get(PDFName.of('Type')));
      if (type === 'MCR') {
        const mcrPage = kidDict?.get(PDFName.of('Pg')) ?? page;
        const mcid = kidDict?.lookupMaybe(PDFName.of('MCID'), PDFNumber)?.asNumber();
        const mark = `${String(mcrPage)} ${String(mcid)}`;
        if (tagged.has(mark)) problems.push(`MCID ${mark} belongs to two elements`);
        tagged.set(mark, key);
      } else if (type === 'OBJR') {
        const object = kidDict?.get(PDFName.of('Obj'));
        if (object instanceof PDFRef) annotationOwners.set(object.toString(), key);
        childRoles.push('OBJR');
      } else if (kid instanceof PDFRef) {
        childRoles.push(nameOf(kidDict?.get(PDFName.of('S'))) ?? '?');
        visit(kid, ref);
      } else
        problems.push(
          `element ${key} has a kid that is neither an element, an MCID nor a reference`,
        );
    }
    checkRole(role, key, element, childRoles, textOf(element.lookup(PDFName.of('Alt'))));
  };

  const checkRole = (
    role: string,
    key: string,
    element: PDFDict,
    children: string[],
    alt: string | undefined,
  ): void => {
    const only = (allowed: string[]): void => {
      const wrong = children.filter((child) => !allowed.includes(child));
      if (wrong.length > 0) problems.push(`${role} ${key} contains ${wrong.join(', ')}`);
    };
    const heading = /^H([1-6])$/.exec(role);
    if (heading) {
      const level = Number(heading[1]);
      if (level > headingLevel + 1)
        problems.push(`heading ${role} ${key} follows H${headingLevel} (a level is skipped)`);
      headingLevel = level;
      summary.headings.push(role);
    }
    if (role === 'Figure') {
      if (!alt?.trim()) problems.push(`figure ${key} has no alternate text`);
      else summary.figures.push(alt);
    }
    if (role === 'TH') {
      const attributes = element.lookup(PDFName.of('A'));
      const scope =
        attributes instanceof PDFDict ? nameOf(attributes.get(PDFName.of('Scope'))) : undefined;
      if (!scope) problems.push(`header cell ${key} has no /Scope`);
    }
    if (role === 'Table') only(['THead', 'TBody', 'TFoot', 'TR', 'Caption']);
    if (role === 'THead' || role === 'TBody' || role === 'TFoot') only(['TR']);
    if (role === 'TR') only(['TH', 'TD']);
    if (role === 'L') only(['LI', 'L', 'Caption']);
    if (role === 'LI') only(['Lbl', 'LBody']);
    if (role === 'TOC') only(['TOCI', 'TOC', 'Caption']);
    if (role === 'TOCI') only(['Lbl', 'Reference', 'NonStruct', 'P', 'TOC', 'Link']);
    if (role === 'Link' && !children.includes('OBJR'))
      problems.push(`link ${key} has no annotation`);
  };

  const top = root.get(PDFName.of('K'));
  const tops = top instanceof PDFArray ? top.asArray() : top ? [top] : [];
  for (const element of tops) if (element instanceof PDFRef) visit(element, rootRef);
  checkTables(doc, tops, problems);

  const parentTree = new Map<number, PDFObject>();
  const parentTreeRoot = root.lookupMaybe(PDFName.of('ParentTree'), PDFDict);
  if (parentTreeRoot) numberTree(doc, parentTreeRoot, parentTree);
  else problems.push('no /ParentTree');
  const nextKey = root.lookupMaybe(PDFName.of('ParentTreeNextKey'), PDFNumber)?.asNumber() ?? 0;
  for (const treeKey of parentTree.keys())
    if (treeKey >= nextKey)
      problems.push(`ParentTree key ${treeKey} is not below /ParentTreeNextKey`);

  const seen = new Set<string>();
  doc.getPages().forEach((page, index) => {
    const pageRef = page.ref.toString();
    const where = `page ${index + 1}`;
    const stack: ('artifact' | 'tagged' | 'other')[] = [];
    for (const { operator, operands } of operations(
      contentText(doc, page.node.get(PDFName.of('Contents'))),
    )) {
      if (operator === 'BMC' || operator === 'BDC') {
        const tag = operands[0];
        const properties = operands[1];
        const isArtifact = tag instanceof Name && tag.name === 'Artifact';
        const mcid = properties instanceof Map ? properties.get('MCID') : undefined;
        if (isArtifact) {
          if (stack.includes('tagged'))
            problems.push(`${where}: an artifact inside tagged content`);
          stack.push('artifact');
          summary.marked.artifacts += 1;
        } else if (typeof mcid === 'number') {
          if (stack.includes('artifact'))
            problems.push(`${where}: tagged content inside an artifact`);
          const mark = `${pageRef} ${mcid}`;
          if (seen.has(mark)) problems.push(`${where}: MCID ${mcid} is used twice`);
          seen.add(mark);
          const owner = tagged.get(mark);
          if (owner === undefined)
            problems.push(`${where}: MCID ${mcid} is not in the structure tree`);
          const parents = parentTree.get(
            page.node.lookupMaybe(PDFName.of('StructParents'), PDFNumber)?.asNumber() ?? -1,
          );
          const array = parents instanceof PDFRef ? context.lookup(parents) : parents;
          const listed = array instanceof PDFArray ? array.get(mcid) : undefined;
          if (listed?.toString() !== owner)
            problems.push(
              `${where}: the ParentTree maps MCID ${mcid} to ${String(listed)}, not ${String(owner)}`,
            );
          stack.push('tagged');
          summary.marked.tagged += 1;
        } else stack.push('other');
      } else if (operator === 'EMC') {
        if (stack.pop() === undefined) problems.push(`${where}: EMC without a sequence to end`);
      } else if (PAINTING.has(operator) && !stack.includes('artifact') && !stack.includes('tagged'))
        problems.push(`${where}: "${operator}" is neither tagged nor an artifact`);
    }
    if (stack.length > 0)
      problems.push(`${where}: ${stack.length} marked-content sequence(s) left open`);

    const annots = page.node.lookupMaybe(PDFName.of('Annots'), PDFArray);
    if (annots && annots.size() > 0 && nameOf(page.node.get(PDFName.of('Tabs'))) !== 'S')
      problems.push(`${where} has annotations but no /Tabs /S`);
    for (let i = 0; annots && i < annots.size(); i += 1) {
      const annotRef = annots.get(i);
      const annot = annots.lookupMaybe(i, PDFDict);
      if (nameOf(annot?.get(PDFName.of('Subtype'))) !== 'Link') continue;
      const owner = annotationOwners.get(String(annotRef));
      if (owner === undefined)
        problems.push(`${where}: link ${String(annotRef)} is not in the structure tree`);
      if (!textOf(annot?.lookup(PDFName.of('Contents'))))
        problems.push(`${where}: link ${String(annotRef)} has no /Contents`);
      const structParent = annot?.lookupMaybe(PDFName.of('StructParent'), PDFNumber)?.asNumber();
      if (parentTree.get(structParent ?? -1)?.toString() !== owner)
        problems.push(
          `${where}: the ParentTree does not map link ${String(annotRef)} to its element`,
        );
    }
  });
  for (const mark of tagged.keys())
    if (!seen.has(mark))
      problems.push(`MCID ${mark} of the structure tree is not in any content stream`);
  return summary;
}

/** Every row of a table has as many cells as the first. */
function checkTables(doc: PDFDocument, tops: PDFObject[], problems: string[]): void {
  const { context } = doc;
  const kidsOf = (dict: PDFDict): PDFDict[] => {
    const kids = dict.get(PDFName.of('K'));
    const list = kids instanceof PDFArray ? kids.asArray() : kids ? [kids] : [];
    return list
      .map((kid) => (kid instanceof PDFRef ? context.lookupMaybe(kid, PDFDict) : undefined))
      .filter((kid): kid is PDFDict => kid !== undefined && kid.has(PDFName.of('S')));
  };
  const roleOf = (dict: PDFDict): string => nameOf(dict.get(PDFName.of('S'))) ?? '';
  const walk = (dict: PDFDict, depth: number): void => {
    if (depth > 200) return;
    if (roleOf(dict) === 'Table') {
      const rows = kidsOf(dict).flatMap((kid) => (roleOf(kid) === 'TR' ? [kid] : kidsOf(kid)));
      const widths = new Set(rows.map((row) => kidsOf(row).length));
      if (widths.size > 1) problems.push(`a table has rows of ${[...widths].join(' and ')} cells`);
    }
    for (const kid of kidsOf(dict)) walk(kid, depth + 1);
  };
  for (const top of tops) {
    const dict = top instanceof PDFRef ? context.lookupMaybe(top, PDFDict) : undefined;
    if (dict) walk(dict, 0);
  }
}
