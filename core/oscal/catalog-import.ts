import type { Catalog, CatalogControl, CatalogGroup, CatalogPart } from '../catalog/model';
import {
  CATALOG_FORMAT,
  Catalog as CatalogSchema,
  MAX_NESTING,
  catalogIntegrityIssues,
} from '../catalog/model';
import type { ImportIssue, ImportResult } from '../catalog/issues';
import { MAX_REPORTED_ERRORS, locateIssues, parseJsonText } from '../catalog/issues';
import { CATALOG_ID, CONTROL_ID } from '../model/refs';
import { sha256Hex } from '../util/hash';
import type { SchemaError } from './catalog-schema.validate';
import { validate as validateCatalogSchema } from './catalog-schema.validate';
import type {
  OscalCatalogDocument,
  OscalControl,
  OscalGroup,
  OscalPart,
  OscalProp,
} from './oscal-types';
import { labelOf, ownProps } from './oscal-types';

export interface OscalImportOptions {
  /** Catalog id to store it under; suggested from the title when absent. */
  catalogId?: string;
  /** File name, recorded as the catalog's source. */
  fileName?: string;
}

/**
 * Imports an OSCAL catalog (or a resolved profile catalog, which is a catalog too): checks it
 * against the official OSCAL JSON Schema, then converts it to the app's catalog model. Any
 * problem is reported with its JSON path and line; nothing is returned half-converted.
 */
export function importOscalCatalog(
  text: string,
  options: OscalImportOptions = {},
): ImportResult<Catalog> {
  const parsed = parseJsonText(text);
  if (!parsed.ok) return parsed;
  const schemaErrors = validateOscalCatalog(parsed.value);
  if (schemaErrors.length > 0) return { ok: false, errors: locateIssues(text, schemaErrors) };
  const document = parsed.value as OscalCatalogDocument;
  const converter = new Converter();
  let catalog: Catalog;
  try {
    catalog = converter.convert(document, { ...options, sha256: sha256Hex(text) });
  } catch (error) {
    if (error instanceof ConversionError)
      return { ok: false, errors: locateIssues(text, [error.issue]) };
    throw error;
  }
  if (converter.errors.length > 0)
    return { ok: false, errors: locateIssues(text, converter.errors) };
  const integrity = catalogIntegrityIssues(catalog);
  if (integrity.length > 0) return { ok: false, errors: integrity };
  return { ok: true, value: catalog, warnings: converter.warnings };
}

const FRIENDLY_PATTERNS: Readonly<Record<string, string>> = {
  '^[^\n]+$': 'must be a single line of text',
  '^\\S(.*\\S)?$': 'must not be empty or start or end with white space',
  '^(\\p{L}|_)(\\p{L}|\\p{N}|[.\\-_])*$':
    'must be a token: letters, digits, dots, dashes or underscores, starting with a letter or underscore',
};

/** Schema errors worth showing: the branch noise of `anyOf` alternatives is dropped. */
export function validateOscalCatalog(value: unknown): ImportIssue[] {
  let valid: boolean;
  try {
    valid = validateCatalogSchema(value);
  } catch (error) {
    // A pathologically nested document can exhaust the stack inside the validator.
    return [{ path: '', message: `the document cannot be checked: ${(error as Error).message}` }];
  }
  if (valid) return [];
  const errors: SchemaError[] = validateCatalogSchema.errors ?? [];
  const specific = errors.filter((error) => error.keyword !== 'anyOf' && error.keyword !== 'oneOf');
  const kept = specific.filter(
    (error) =>
      error.keyword !== 'additionalProperties' ||
      !specific.some(
        (other) => other !== error && other.instancePath.startsWith(`${error.instancePath}/`),
      ),
  );
  const seen = new Set<string>();
  const issues: ImportIssue[] = [];
  for (const error of kept.length > 0 ? kept : errors) {
    const issue = { path: error.instancePath || '/', message: schemaMessage(error) };
    const key = `${issue.path} ${issue.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push(issue);
    if (issues.length >= MAX_REPORTED_ERRORS) break;
  }
  return issues;
}

function schemaMessage(error: SchemaError): string {
  const params = error.params;
  if (error.keyword === 'pattern') {
    const pattern = String(params['pattern']);
    return FRIENDLY_PATTERNS[pattern] ?? `does not match the OSCAL pattern ${pattern}`;
  }
  if (error.keyword === 'additionalProperties')
    return `has a property OSCAL does not define here: ${String(params['additionalProperty'])}`;
  if (error.keyword === 'required')
    return `is missing the required property ${String(params['missingProperty'])}`;
  if (error.keyword === 'enum')
    return `must be one of: ${(params['allowedValues'] as unknown[]).map(String).join(', ')}`;
  return error.message ?? `fails the OSCAL schema (${error.keyword})`;
}

export function suggestCatalogId(title: string): string {
  const slug = title
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|(?<!-)-+$/g, '')
    .slice(0, 48)
    .replace(/(?<!-)-+$/, '');
  return CATALOG_ID.test(slug) ? slug : 'imported-catalog';
}

class ConversionError extends Error {
  constructor(readonly issue: ImportIssue) {
    super(issue.message);
  }
}

const WITHDRAWN_RELS = new Set(['incorporated-into', 'moved-to']);

class Converter {
  readonly errors: ImportIssue[] = [];
  readonly warnings: ImportIssue[] = [];
  private readonly groups: CatalogGroup[] = [];
  /** Controls with the profiles they were exported with, until profiles are rebuilt. */
  private readonly controls: (CatalogControl & { profiles?: string[] })[] = [];
  private generatedGroupIds = 0;
  /** OSCAL token id → this app's id, for controls exported with a `control-id` property. */
  private readonly renamed = new Map<string, string>();

  convert(
    document: OscalCatalogDocument,
    options: OscalImportOptions & { sha256: string },
  ): Catalog {
    const { metadata } = document.catalog;
    const own = (name: string): string | undefined => ownProps(metadata.props, name)[0];
    const id = options.catalogId ?? own('catalog-id') ?? suggestCatalogId(metadata.title);
    (document.catalog.groups ?? []).forEach((group, index) =>
      this.group(group, null, `/catalog/groups/${index}`, 1),
    );
    (document.catalog.controls ?? []).forEach((control, index) =>
      this.control(control, null, null, `/catalog/controls/${index}`, 1),
    );
    const known = new Set(this.controls.map((control) => control.id));
    const ownId = (oscalId: string): string => this.renamed.get(oscalId) ?? oscalId;
    let dropped = 0;
    for (const control of this.controls) {
      if (control.replacedBy)
        control.replacedBy = control.replacedBy.map(ownId).filter((id) => CONTROL_ID.test(id));
      if (!control.related) continue;
      const kept = control.related.map(ownId).filter((related) => known.has(related));
      dropped += control.related.length - kept.length;
      control.related = kept.length > 0 ? kept : undefined;
    }
    if (dropped > 0)
      this.warnings.push({
        path: '',
        message: `${dropped} links to related controls outside this catalog were left out`,
      });
    const resolvedFrom = metadata.links?.find((link) => link.rel === 'source-profile')?.href;
    const candidate = {
      format: CATALOG_FORMAT,
      id,
      title: metadata.title,
      version: metadata.version,
      published: metadata.published ?? metadata['last-modified'],
      oscalVersion: metadata['oscal-version'],
      description: metadata.remarks,
      sources: [
        {
          name: options.fileName ?? 'OSCAL catalog',
          sha256: options.sha256,
          ...(resolvedFrom === undefined
            ? {}
            : { note: `resolved profile catalog of ${resolvedFrom}` }),
        },
        ...ownProps(metadata.props, 'source').map((name) => ({ name })),
      ],
      licence: {
        spdx: own('licence-spdx') ?? 'NOASSERTION',
        name: own('licence-name') ?? 'Not stated in the file',
        attribution: own('attribution') ?? '',
      },
      groups: this.groups,
      controls: this.controls,
      profiles: this.profiles(metadata.props),
    };
    const result = CatalogSchema.safeParse(candidate);
    if (!result.success) {
      for (const issue of result.error.issues.slice(0, MAX_REPORTED_ERRORS))
        this.errors.push({ path: issue.path.join('.'), message: issue.message });
      return candidate as Catalog;
    }
    return result.data;
  }

  private profiles(props: OscalProp[] | undefined): Catalog['profiles'] {
    return ownProps(props, 'profile').flatMap((value) => {
      const [profileId = '', ...title] = value.split(': ');
      const controlIds = this.controls
        .filter((control) => control.profiles?.includes(profileId))
        .map((control) => control.id);
      return [{ id: profileId, title: title.join(': ') || profileId, controlIds }];
    });
  }

  private group(group: OscalGroup, parentId: string | null, path: string, depth: number): void {
    this.checkDepth(depth, path);
    this.generatedGroupIds += 1;
    const id = group.id ?? `group-${this.generatedGroupIds}`;
    const label = labelOf(group.props);
    this.groups.push({ id, title: group.title, parentId, ...(label ? { label } : {}) });
    (group.groups ?? []).forEach((child, index) =>
      this.group(child, id, `${path}/groups/${index}`, depth + 1),
    );
    (group.controls ?? []).forEach((control, index) =>
      this.control(control, null, id, `${path}/controls/${index}`, depth + 1),
    );
  }

  private control(
    control: OscalControl,
    parentId: string | null,
    groupId: string | null,
    path: string,
    depth: number,
  ): void {
    this.checkDepth(depth, path);
    const id = ownProps(control.props, 'control-id')[0] ?? control.id;
    if (!CONTROL_ID.test(id)) {
      this.errors.push({
        path: `${path}/id`,
        message: `control id ${JSON.stringify(id.slice(0, 80))} cannot be referenced: use up to 64 ASCII letters, digits, dots, dashes, underscores or brackets`,
      });
      return;
    }
    if (id !== control.id) this.renamed.set(control.id, id);
    const parts = control.parts ?? [];
    const statement = parts.find((part) => part.name === 'statement');
    const guidance = parts.find((part) => part.name === 'guidance');
    const links = control.links ?? [];
    const related = links.filter((link) => link.rel === 'related').map((link) => hrefId(link.href));
    const replacedBy = links
      .filter((link) => link.rel !== undefined && WITHDRAWN_RELS.has(link.rel))
      .map((link) => hrefId(link.href));
    const level = ownProps(control.props, 'level')[0];
    const label = labelOf(control.props);
    const mappings = ownProps(control.props, 'mapping');
    const evidence = ownProps(control.props, 'evidence-format');
    const profiles = ownProps(control.props, 'profile');
    const converted: CatalogControl & { profiles?: string[] } = {
      id,
      title: control.title,
      parentId,
      groupId,
      statement: statement ? this.part(statement, `${path}/parts`, depth + 1) : null,
      ...(label ? { label } : {}),
      ...(guidance ? { guidance: proseOf(guidance) } : {}),
      ...(control.params && control.params.length > 0
        ? { params: control.params.map((param) => convertParam(param)) }
        : {}),
      ...((control.props ?? []).some((prop) => prop.name === 'status' && prop.value === 'withdrawn')
        ? { withdrawn: true }
        : {}),
      ...(related.length > 0 ? { related } : {}),
      ...(replacedBy.length > 0 ? { replacedBy } : {}),
      ...(mappings.length > 0 ? { mappings } : {}),
      ...(evidence.length > 0 ? { evidence } : {}),
      ...(level !== undefined && /^[1-9]$/.test(level) ? { level: Number(level) } : {}),
      ...(profiles.length > 0 ? { profiles } : {}),
    };
    this.controls.push(converted);
    (control.controls ?? []).forEach((child, index) =>
      this.control(child, id, groupId, `${path}/controls/${index}`, depth + 1),
    );
  }

  private part(part: OscalPart, path: string, depth: number): CatalogPart {
    this.checkDepth(depth, path);
    const label = labelOf(part.props);
    return {
      ...(label ? { label } : {}),
      prose: part.prose ?? '',
      items: (part.parts ?? []).map((child) => this.part(child, `${path}/parts`, depth + 1)),
    };
  }

  private checkDepth(depth: number, path: string): void {
    if (depth > MAX_NESTING)
      throw new ConversionError({ path, message: `nested more than ${MAX_NESTING} levels deep` });
  }
}

function hrefId(href: string): string {
  return href.startsWith('#') ? href.slice(1) : href;
}

function proseOf(part: OscalPart): string {
  const own = part.prose ?? '';
  const children = (part.parts ?? []).map(proseOf).filter(Boolean);
  return [own, ...children].filter(Boolean).join('\n\n');
}

function convertParam(param: NonNullable<OscalControl['params']>[number]) {
  const guidelines = (param.guidelines ?? []).map((guideline) => guideline.prose).join('\n\n');
  return {
    id: param.id,
    ...(param.label ? { label: param.label } : {}),
    ...(guidelines ? { guidelines } : {}),
    ...(param.values && param.values.length > 0 ? { values: param.values } : {}),
    ...(param.select
      ? {
          select: {
            ...(param.select['how-many'] ? { howMany: param.select['how-many'] } : {}),
            choices: param.select.choice ?? [],
          },
        }
      : {}),
  };
}
