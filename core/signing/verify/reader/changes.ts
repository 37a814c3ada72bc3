import { LimitExceeded, PdfSyntaxError } from './budget';
import type { PdfFile, Resolver, Revision } from './document';
import type { PdfValue } from './objects';
import { PdfDict, PdfRef, PdfStream, canonical, dictOf } from './objects';
import { sameEntry } from './xref';

/**
 * What an incremental update changed, object by object, and whether each change is one a
 * signature allows (ISO 32000 DocMDP/FieldMDP, level 2 without form filling): a new signature
 * field (its dictionary, widget and appearance), the AcroForm and the page's annotation list
 * gaining it, the document security store (DSS/VRI) and the document information dictionary.
 * Every other added, changed or deleted object is a change the earlier signer never saw.
 */

const MAX_REPORTED = 20;

function equalValues(before: Resolver, a: PdfValue, after: Resolver, b: PdfValue): boolean {
  if (canonical(a) !== canonical(b)) return false;
  if (a instanceof PdfStream && b instanceof PdfStream) {
    const x = before.streamBytes(a);
    const y = after.streamBytes(b);
    if (x.length !== y.length) return false;
    for (let index = 0; index < x.length; index += 1) if (x[index] !== y[index]) return false;
  }
  return true;
}

function refNum(value: PdfValue | undefined): number | undefined {
  return value instanceof PdfRef ? value.num : undefined;
}

export function isSignatureField(resolver: Resolver, value: PdfValue | undefined): boolean {
  const dict = dictOf(resolver.resolve(value));
  if (dict === undefined) return false;
  if (dict.name('FT') === 'Sig') return true;
  return resolver.dict(dict.get('Parent'))?.name('FT') === 'Sig';
}

/** Objects reachable by reference from `roots`, walked with a visited set and a depth limit. */
function reachable(resolver: Resolver, roots: readonly PdfValue[]): Set<number> {
  const seen = new Set<number>();
  const budget = resolver.file.budget;
  const visit = (value: PdfValue | undefined, depth: number): void => {
    if (value === undefined || value === null || depth > budget.limits.depth) return;
    budget.work(0.1);
    if (value instanceof PdfRef) {
      if (seen.has(value.num)) return;
      seen.add(value.num);
      visit(resolver.object(value.num, value.gen), depth + 1);
    } else if (Array.isArray(value)) for (const item of value) visit(item, depth + 1);
    else if (value instanceof PdfDict || value instanceof PdfStream)
      for (const item of dictOf(value)?.entries.values() ?? []) visit(item, depth + 1);
  };
  for (const root of roots) visit(root, 0);
  return seen;
}

function sameExcept(before: PdfDict, after: PdfDict, ignored: readonly string[]): boolean {
  const keys = new Set([...before.entries.keys(), ...after.entries.keys()]);
  for (const key of keys) {
    if (ignored.includes(key)) continue;
    const a = before.get(key);
    const b = after.get(key);
    if (a === undefined || b === undefined ? a !== b : canonical(a) !== canonical(b)) return false;
  }
  return true;
}

function describe(object: PdfValue): string {
  const dict = dictOf(object);
  const type = dict?.name('Type');
  const subtype = dict?.name('Subtype');
  if (type === 'EmbeddedFile' || type === 'Filespec') return 'an attached file';
  if (type === 'Page') return 'a page';
  if (type === 'Pages') return 'the page tree';
  if (type === 'Catalog') return 'the document catalog';
  if (type === 'Annot' || subtype === 'Widget') return `an annotation (${subtype ?? 'unknown'})`;
  if (object instanceof PdfStream)
    return type ? `a ${type} stream` : 'a stream (e.g. page content)';
  if (Array.isArray(object)) return 'an array';
  return type ? `a ${type} dictionary` : 'a dictionary';
}

class UpdateClassifier {
  private readonly prevCatalog: PdfDict | undefined;
  private readonly nextCatalog: PdfDict | undefined;
  private readonly newSignatureReach: Set<number>;
  private readonly nextDss: Set<number>;
  private readonly prevDss: Set<number>;

  constructor(
    private readonly before: Resolver,
    private readonly after: Resolver,
    added: ReadonlySet<number>,
  ) {
    this.prevCatalog = before.catalog;
    this.nextCatalog = after.catalog;
    const widgets = [...added].filter((num) => isSignatureField(after, after.object(num)));
    const roots = widgets.flatMap((num) => {
      const dict = dictOf(after.object(num));
      return [dict?.get('AP'), dict?.get('V')].filter((value) => value !== undefined);
    });
    this.newSignatureReach = reachable(after, roots);
    this.nextDss = reachable(after, [this.nextCatalog?.get('DSS') ?? null]);
    this.prevDss = reachable(before, [this.prevCatalog?.get('DSS') ?? null]);
  }

  /** Appends only signature fields to an array (Fields, Annots), keeping what was there. */
  private appendsSignatures(before: PdfValue | undefined, after: PdfValue | undefined): boolean {
    const old = this.before.array(before) ?? [];
    const next = this.after.array(after);
    if (next === undefined) return before === undefined && after === undefined;
    if (next.length < old.length) return false;
    for (const [index, item] of old.entries())
      if (canonical(item) !== canonical(next[index] ?? null)) return false;
    return next.slice(old.length).every((item) => isSignatureField(this.after, item));
  }

  private acroFormAllowed(before: PdfDict | undefined, after: PdfDict): boolean {
    return (
      sameExcept(before ?? new PdfDict(new Map()), after, ['Fields', 'SigFlags']) &&
      this.appendsSignatures(before?.get('Fields'), after.get('Fields'))
    );
  }

  allowed(num: number, before: PdfValue, after: PdfValue): boolean {
    const dict = dictOf(after);
    const type = dict?.name('Type');
    const isNew = before === null;
    if (num === refNum(this.after.trailer.get('Info'))) return true;
    if (isNew) {
      if (after instanceof PdfStream && (type === 'XRef' || type === 'ObjStm')) return true;
      if (type === 'Sig' || type === 'DocTimeStamp') return true;
      if (isSignatureField(this.after, after)) return true;
      if (this.newSignatureReach.has(num) || this.nextDss.has(num)) return true;
      const acroForm = refNum(this.nextCatalog?.get('AcroForm'));
      if (num === acroForm && this.prevCatalog?.get('AcroForm') === undefined && dict !== undefined)
        return this.acroFormAllowed(undefined, dict);
      return false;
    }
    if (this.nextDss.has(num) && this.prevDss.has(num)) return true;
    if (num === refNum(this.nextCatalog?.get('DSS'))) return true;
    const old = dictOf(before);
    if (Array.isArray(before) || Array.isArray(after)) return this.appendsSignatures(before, after);
    if (
      old === undefined ||
      dict === undefined ||
      before instanceof PdfStream ||
      after instanceof PdfStream
    )
      return false;
    if (num === refNum(this.after.trailer.get('Root'))) {
      if (!sameExcept(old, dict, ['AcroForm', 'DSS', 'Extensions'])) return false;
      const formBefore = old.get('AcroForm');
      const formAfter = dict.get('AcroForm');
      if (formAfter instanceof PdfDict)
        return this.acroFormAllowed(this.before.dict(formBefore), formAfter);
      return formBefore === undefined || canonical(formBefore) === canonical(formAfter ?? null);
    }
    if (type === 'Page')
      return (
        sameExcept(old, dict, ['Annots']) &&
        this.appendsSignatures(old.get('Annots'), dict.get('Annots'))
      );
    if (num === refNum(this.nextCatalog?.get('AcroForm'))) return this.acroFormAllowed(old, dict);
    return false;
  }
}

/** Sentences naming every change from `previous` to `next` that no signature allows. */
export function disallowedChanges(file: PdfFile, previous: Revision, next: Revision): string[] {
  const before = file.resolver(previous);
  const after = file.resolver(next);
  const problems: string[] = [];
  const changed: { num: number; before: PdfValue; after: PdfValue }[] = [];
  const read = (resolver: Resolver, num: number): PdfValue => {
    try {
      return resolver.object(num);
    } catch (error) {
      if (error instanceof LimitExceeded) throw error;
      problems.push(
        `object ${num} cannot be read in revision ${resolver.revision.index + 1} (${error instanceof PdfSyntaxError ? error.message : 'damaged'})`,
      );
      return null;
    }
  };
  if (
    canonical(before.trailer.get('Root') ?? null) !== canonical(after.trailer.get('Root') ?? null)
  )
    problems.push('replaces the document catalog');
  for (const [num, entry] of next.section.entries) {
    file.budget.work(0.01);
    const old = file.entry(previous, num);
    if (
      sameEntry(old, entry) ||
      (entry.type === 'free' && (old === undefined || old.type === 'free'))
    )
      continue;
    if (entry.type === 'offset' && old?.type === 'offset' && old.gen !== entry.gen) {
      problems.push(
        `changes the generation of object ${num} (references to it now point elsewhere)`,
      );
      continue;
    }
    const was = read(before, num);
    const is = entry.type === 'free' ? null : read(after, num);
    if (was !== null && is === null) problems.push(`deletes ${describe(was)} (object ${num})`);
    else if (is !== null && !(was !== null && equalValues(before, was, after, is)))
      changed.push({ num, before: was, after: is });
  }
  const added = new Set(changed.filter((item) => item.before === null).map((item) => item.num));
  const classifier = new UpdateClassifier(before, after, added);
  for (const item of changed) {
    if (problems.length >= MAX_REPORTED) break;
    if (!classifier.allowed(item.num, item.before, item.after))
      problems.push(
        `${item.before === null ? 'adds' : 'changes'} ${describe(item.after)} (object ${item.num})`,
      );
  }
  return problems;
}
