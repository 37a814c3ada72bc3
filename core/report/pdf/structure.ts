import type { PDFDocument, PDFPageLeaf, PDFRef } from '@cantoo/pdf-lib';
import { PDFBool, PDFHexString, PDFName, PDFNumber } from '@cantoo/pdf-lib';
import { num } from './canvas';

/**
 * The report's logical structure (tagged PDF): structure elements in reading order, each with
 * the marked-content sequences (page + MCID) and annotations that make it up, written at the end
 * as the StructTreeRoot, its ParentTree and the catalog's /MarkInfo.
 *
 * A 20,000-row table is some 120,000 elements, so the tree is kept as columns of integers (about
 * 30 bytes a node) rather than objects, holds no page content, and each element's dictionary is
 * written only after the rest of the file, straight into compressed object streams
 * (object-streams.ts).
 */

export const STRUCTURE_ROLES = [
  'Document',
  'Sect',
  'H1',
  'H2',
  'H3',
  'H4',
  'H5',
  'H6',
  'P',
  'L',
  'LI',
  'Lbl',
  'LBody',
  'Table',
  'THead',
  'TBody',
  'TR',
  'TH',
  'TD',
  'Figure',
  'TOC',
  'TOCI',
  'Link',
] as const;
export type StructureRole = (typeof STRUCTURE_ROLES)[number];

export interface ElementAttributes {
  /** Alternate description (figures): what a screen reader says instead of the drawing. */
  alt?: string;
  /** Which cells a header cell heads. */
  scope?: 'Row' | 'Column';
  /** The element's box in PDF coordinates: left, bottom, right, top. */
  bbox?: readonly [number, number, number, number];
}

/** A node that is a marked-content sequence on a page (`a` page, `b` MCID). */
const CONTENT = -1;
/** A node that is an annotation (`a` page, `b` annotation index). */
const ANNOTATION = -2;
const NONE = -1;
/** ParentTree entries per number-tree leaf. */
const NUMBER_TREE_LEAF = 2048;

/** Where a rollback returns to. */
export interface StructureCheckpoint {
  nodes: number;
  pages: number;
  annotations: number;
}

interface StructurePage {
  ref: PDFRef;
  node: PDFPageLeaf;
  /** MCIDs handed out on the page so far (the next one). */
  mcids: number;
}

const ref = (objectNumber: number): string => `${objectNumber} 0 R`;

/** Leaves of a ParentTree with `keys` entries: none while one dictionary holds them all. */
const numberTreeLeaves = (keys: number): number =>
  keys <= NUMBER_TREE_LEAF ? 0 : Math.ceil(keys / NUMBER_TREE_LEAF);

export class StructureTree {
  private size = 0;
  private capacity = 1024;
  /** Role index (elements), CONTENT or ANNOTATION. */
  private kind = new Int32Array(this.capacity);
  private parent = new Int32Array(this.capacity);
  private first = new Int32Array(this.capacity);
  private last = new Int32Array(this.capacity);
  private next = new Int32Array(this.capacity);
  private previous = new Int32Array(this.capacity);
  private a = new Int32Array(this.capacity);
  private b = new Int32Array(this.capacity);
  private readonly attributes = new Map<number, ElementAttributes>();
  private readonly pages: StructurePage[] = [];
  private readonly annotations: PDFRef[] = [];
  /** The StructTreeRoot's object number, taken when the document is prepared for saving. */
  private rootNumber: number | undefined;
  /** The Document element, parent of everything else. */
  readonly root: number;

  constructor() {
    this.root = this.node(STRUCTURE_ROLES.indexOf('Document'), NONE, NONE);
  }

  /** Registers a page content may be marked on; returns its number in the tree. */
  addPage(pageRef: PDFRef, node: PDFPageLeaf): number {
    if (this.annotations.length > 0) throw new Error('Pages are added before annotations.');
    this.pages.push({ ref: pageRef, node, mcids: 0 });
    return this.pages.length - 1;
  }

  /**
   * A new element under `parent`: the last of its children, or right after `after` (one of
   * them), or first when `after` is NONE.
   */
  element(
    role: StructureRole,
    parent: number,
    attributes?: ElementAttributes,
    after?: number,
  ): number {
    const id = this.node(STRUCTURE_ROLES.indexOf(role), parent, after);
    if (attributes !== undefined) this.attributes.set(id, attributes);
    return id;
  }

  /** The last child of an element (NONE if it has none). */
  lastChild(element: number): number {
    return this.last[element] ?? NONE;
  }

  /** A marked-content sequence of `element` on `page`: returns its MCID for the BDC operator. */
  mark(element: number, page: number): number {
    const target = this.pages[page];
    if (target === undefined) throw new Error(`No page ${page} in the structure tree.`);
    const mcid = target.mcids;
    target.mcids += 1;
    const node = this.node(CONTENT, element, undefined);
    this.a[node] = page;
    this.b[node] = mcid;
    return mcid;
  }

  /**
   * An annotation on `page` that belongs to `element` (a link): returns the annotation's
   * /StructParent key.
   */
  annotation(element: number, page: number, annotation: PDFRef): number {
    const node = this.node(ANNOTATION, element, undefined);
    this.a[node] = page;
    this.b[node] = this.annotations.length;
    this.annotations.push(annotation);
    return this.pages.length + this.annotations.length - 1;
  }

  checkpoint(): StructureCheckpoint {
    return { nodes: this.size, pages: this.pages.length, annotations: this.annotations.length };
  }

  /** Forgets everything added since the checkpoint (pages laid out again). */
  rollback(checkpoint: StructureCheckpoint): void {
    for (let node = checkpoint.nodes; node < this.size; node += 1) {
      const parent = this.parent[node] ?? NONE;
      if (parent !== NONE && parent < checkpoint.nodes) this.unlink(node, parent);
      this.attributes.delete(node);
    }
    this.size = checkpoint.nodes;
    this.pages.length = checkpoint.pages;
    this.annotations.length = checkpoint.annotations;
  }

  /**
   * Points the document at the tree before it is saved: the catalog's /StructTreeRoot (an object
   * number kept free for it) and /MarkInfo, and on each page /StructParents (its key in the
   * ParentTree) and /Tabs /S (annotations in structure order).
   */
  prepare(doc: PDFDocument): void {
    const rootRef = doc.context.nextRef();
    this.rootNumber = rootRef.objectNumber;
    doc.catalog.set(PDFName.of('StructTreeRoot'), rootRef);
    doc.catalog.set(PDFName.of('MarkInfo'), doc.context.obj({ Marked: PDFBool.True }));
    this.pages.forEach((page, index) => {
      page.node.set(PDFName.of('Tabs'), PDFName.of('S'));
      if (page.mcids > 0) page.node.set(PDFName.of('StructParents'), PDFNumber.of(index));
    });
  }

  /**
   * The tree's objects, numbered from `first` (the root keeps the number `prepare` took): one
   * dictionary per element, the ParentTree (per page, the element of each MCID; per annotation,
   * its element) and the StructTreeRoot. Produced one at a time, so the text of the whole tree
   * is never held at once.
   */
  objects(first: number): { end: number; objects: Iterable<readonly [number, string]> } {
    if (this.rootNumber === undefined) throw new Error('The structure tree was not prepared.');
    // Elements are numbered here, once; the ParentTree's arrays and leaves and the ParentTree
    // itself follow them, in the order generate() writes them.
    const numbers = new Int32Array(this.size);
    let next = first;
    for (let node = 0; node < this.size; node += 1)
      if ((this.kind[node] ?? CONTENT) >= 0) numbers[node] = next++;
    const pagesMarked = this.pages.filter((page) => page.mcids > 0).length;
    const leaves = numberTreeLeaves(pagesMarked + this.annotations.length);
    return {
      end: next + pagesMarked + leaves + 1,
      objects: this.generate(numbers, next, this.rootNumber),
    };
  }

  private *generate(
    objects: Int32Array,
    firstAfterElements: number,
    rootNumber: number,
  ): Generator<readonly [number, string]> {
    let next = firstAfterElements;
    for (let node = 0; node < this.size; node += 1) {
      if ((this.kind[node] ?? CONTENT) >= 0)
        yield [objects[node] ?? 0, this.elementText(node, objects, rootNumber)];
    }

    const byMcid = this.pages.map((page) => new Int32Array(page.mcids));
    for (let node = 0; node < this.size; node += 1) {
      if (this.kind[node] !== CONTENT) continue;
      const page = byMcid[this.a[node] ?? 0];
      if (page) page[this.b[node] ?? 0] = objects[this.parent[node] ?? 0] ?? 0;
    }
    const entries: [number, string][] = [];
    for (const [index, elements] of byMcid.entries()) {
      if (elements.length === 0) continue;
      const number = next++;
      yield [number, `[${Array.from(elements, ref).join(' ')}]`];
      entries.push([index, ref(number)]);
    }
    for (let node = 0; node < this.size; node += 1) {
      if (this.kind[node] !== ANNOTATION) continue;
      entries.push([
        this.pages.length + (this.b[node] ?? 0),
        ref(objects[this.parent[node] ?? 0] ?? 0),
      ]);
    }
    // A number tree: one leaf while it is small, else leaves under one root (arrays stay far
    // below the 8,191 elements older readers handle).
    let parentTree: string;
    if (numberTreeLeaves(entries.length) === 0)
      parentTree = `<< /Nums [${entries.flat().join(' ')}] >>`;
    else {
      const kids: string[] = [];
      for (let start = 0; start < entries.length; start += NUMBER_TREE_LEAF) {
        const leaf = entries.slice(start, start + NUMBER_TREE_LEAF);
        const number = next++;
        yield [
          number,
          `<< /Limits [${leaf[0]?.[0] ?? 0} ${leaf.at(-1)?.[0] ?? 0}] /Nums [${leaf.flat().join(' ')}] >>`,
        ];
        kids.push(ref(number));
      }
      parentTree = `<< /Kids [${kids.join(' ')}] >>`;
    }
    const parentTreeNumber = next;
    yield [parentTreeNumber, parentTree];
    yield [
      rootNumber,
      `<< /Type /StructTreeRoot /K ${ref(objects[this.root] ?? 0)} /ParentTree ${ref(parentTreeNumber)} /ParentTreeNextKey ${this.pages.length + this.annotations.length} >>`,
    ];
  }

  private elementText(node: number, objects: Int32Array, rootNumber: number): string {
    const role = STRUCTURE_ROLES[this.kind[node] ?? 0] ?? 'P';
    const parent = this.parent[node] ?? NONE;
    const kids: string[] = [];
    let page = NONE;
    for (let child = this.first[node] ?? NONE; child !== NONE; child = this.next[child] ?? NONE) {
      const kind = this.kind[child] ?? 0;
      const childPage = this.a[child] ?? 0;
      if (kind >= 0) kids.push(ref(objects[child] ?? 0));
      else if (kind === ANNOTATION) {
        const annotation = this.annotations[this.b[child] ?? 0];
        kids.push(
          `<< /Type /OBJR /Pg ${this.pageRef(childPage)} /Obj ${annotation?.toString() ?? 'null'} >>`,
        );
      } else if (page === NONE || page === childPage) {
        page = childPage;
        kids.push(String(this.b[child] ?? 0));
      } else
        kids.push(
          `<< /Type /MCR /Pg ${this.pageRef(childPage)} /MCID ${String(this.b[child] ?? 0)} >>`,
        );
    }
    let text = `<< /S /${role} /P ${ref(parent === NONE ? rootNumber : (objects[parent] ?? 0))}`;
    if (page !== NONE) text += ` /Pg ${this.pageRef(page)}`;
    if (kids.length === 1) text += ` /K ${kids[0] ?? ''}`;
    else if (kids.length > 1) text += ` /K [${kids.join(' ')}]`;
    const attributes = this.attributes.get(node);
    if (attributes?.alt !== undefined)
      text += ` /Alt ${PDFHexString.fromText(attributes.alt).toString()}`;
    const owned: string[] = [];
    if (attributes?.scope !== undefined) owned.push(`<< /O /Table /Scope /${attributes.scope} >>`);
    if (attributes?.bbox !== undefined)
      owned.push(`<< /O /Layout /BBox [${attributes.bbox.map(num).join(' ')}] >>`);
    if (owned.length === 1) text += ` /A ${owned[0] ?? ''}`;
    else if (owned.length > 1) text += ` /A [${owned.join(' ')}]`;
    return `${text} >>`;
  }

  private pageRef(page: number): string {
    return this.pages[page]?.ref.toString() ?? 'null';
  }

  private node(kind: number, parent: number, after: number | undefined): number {
    if (this.size === this.capacity) this.grow();
    const id = this.size;
    this.size += 1;
    this.kind[id] = kind;
    this.parent[id] = parent;
    this.first[id] = NONE;
    this.last[id] = NONE;
    this.next[id] = NONE;
    this.previous[id] = NONE;
    if (parent !== NONE) this.link(id, parent, after);
    return id;
  }

  private link(node: number, parent: number, after: number | undefined): void {
    const before = after === undefined ? (this.last[parent] ?? NONE) : after;
    const following = before === NONE ? (this.first[parent] ?? NONE) : (this.next[before] ?? NONE);
    this.previous[node] = before;
    this.next[node] = following;
    if (before === NONE) this.first[parent] = node;
    else this.next[before] = node;
    if (following === NONE) this.last[parent] = node;
    else this.previous[following] = node;
  }

  private unlink(node: number, parent: number): void {
    const before = this.previous[node] ?? NONE;
    const following = this.next[node] ?? NONE;
    if (before === NONE) this.first[parent] = following;
    else this.next[before] = following;
    if (following === NONE) this.last[parent] = before;
    else this.previous[following] = before;
  }

  private grow(): void {
    this.capacity *= 2;
    const wider = (column: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
      const copy = new Int32Array(this.capacity);
      copy.set(column);
      return copy;
    };
    this.kind = wider(this.kind);
    this.parent = wider(this.parent);
    this.first = wider(this.first);
    this.last = wider(this.last);
    this.next = wider(this.next);
    this.previous = wider(this.previous);
    this.a = wider(this.a);
    this.b = wider(this.b);
  }
}
