import type { Catalog, CatalogControl, CatalogGroup, CatalogPart } from '../catalog/model';
import { IsoDateTime } from '../model/common';
import type {
  OscalCatalogDocument,
  OscalControl,
  OscalGroup,
  OscalParam,
  OscalPart,
  OscalProp,
} from './oscal-types';
import { DEMO_LEDGER_NS } from './oscal-types';

/** OSCAL version of the schema exports are checked against (core/oscal/schema/). */
export const EXPORT_OSCAL_VERSION = '1.2.1';

export interface OscalExportOptions {
  /** A random (version 4) UUID for the document. */
  uuid: string;
  /** When the export was made (ISO date-time with offset). */
  lastModified: string;
}

/**
 * Writes a catalog as an OSCAL catalog document that validates against the official schema.
 * What OSCAL has no field for (mappings, evidence formats, levels, profiles, licence) travels
 * as properties in this app's namespace, so importing the export gives back the same catalog.
 */
export function exportOscalCatalog(
  catalog: Catalog,
  options: OscalExportOptions,
): OscalCatalogDocument {
  const profilesOf = new Map<string, string[]>();
  for (const profile of catalog.profiles)
    for (const id of profile.controlIds)
      profilesOf.set(id, [...(profilesOf.get(id) ?? []), profile.id]);
  const childControls = groupBy(catalog.controls, (control) => control.parentId ?? '');
  const groupControls = groupBy(
    catalog.controls.filter((control) => control.parentId === null),
    (control) => control.groupId ?? '',
  );
  const childGroups = groupBy(catalog.groups, (group) => group.parentId ?? '');
  const oscalIds = tokenIds(catalog.controls.map((control) => control.id));
  const oscalId = (id: string): string => oscalIds.get(id) ?? id;

  const control = (source: CatalogControl): OscalControl => {
    const children = childControls.get(source.id) ?? [];
    const params = (source.params ?? []).map(param);
    const parts = [
      ...(source.statement
        ? [part(source.statement, `${oscalId(source.id)}_smt`, 'statement')]
        : []),
      ...(line(source.guidance ?? '', true)
        ? [{ id: `${oscalId(source.id)}_gdn`, name: 'guidance', prose: source.guidance ?? '' }]
        : []),
    ];
    const links = [
      ...(source.related ?? []).map((id) => ({ href: `#${oscalId(id)}`, rel: 'related' })),
      ...(source.replacedBy ?? []).map((id) => ({
        href: `#${oscalId(id)}`,
        rel: 'incorporated-into',
      })),
    ];
    const id = oscalId(source.id);
    const props = compactProps([
      id === source.id ? null : own('control-id', source.id),
      source.label ? { name: 'label', value: source.label } : null,
      source.withdrawn ? { name: 'status', value: 'withdrawn' } : null,
      source.level === undefined ? null : own('level', String(source.level)),
      ...(source.mappings ?? []).map((ref) => own('mapping', ref)),
      ...(source.evidence ?? []).map((format) => own('evidence-format', format)),
      ...(profilesOf.get(source.id) ?? []).map((id) => own('profile', id)),
    ]);
    return {
      id,
      title: line(source.title) || source.id,
      ...(params.length > 0 ? { params } : {}),
      ...(props.length > 0 ? { props } : {}),
      ...(links.length > 0 ? { links } : {}),
      ...(parts.length > 0 ? { parts } : {}),
      ...(children.length > 0 ? { controls: children.map(control) } : {}),
    };
  };

  const group = (source: CatalogGroup): OscalGroup => {
    const groups = (childGroups.get(source.id) ?? []).map(group);
    const controls = (groupControls.get(source.id) ?? []).map(control);
    const props = compactProps([source.label ? { name: 'label', value: source.label } : null]);
    return {
      id: tokenOr(source.id, `group-${catalog.groups.indexOf(source) + 1}`),
      title: line(source.title) || source.id,
      ...(props.length > 0 ? { props } : {}),
      ...(groups.length > 0 ? { groups } : {}),
      ...(controls.length > 0 ? { controls } : {}),
    };
  };

  const groups = (childGroups.get('') ?? []).map(group);
  const topControls = (groupControls.get('') ?? []).map(control);
  const metadataProps = compactProps([
    own('catalog-id', catalog.id),
    own('licence-spdx', catalog.licence.spdx),
    own('licence-name', catalog.licence.name),
    own('attribution', catalog.licence.attribution),
    ...catalog.sources.map((source) => own('source', describeSource(source))),
    ...catalog.profiles.map((profile) => own('profile', `${profile.id}: ${profile.title}`)),
  ]);
  return {
    catalog: {
      uuid: options.uuid,
      metadata: {
        title: line(catalog.title) || catalog.id,
        ...(isDateTime(catalog.published) ? { published: catalog.published } : {}),
        'last-modified': options.lastModified,
        version: line(catalog.version) || 'unversioned',
        'oscal-version': EXPORT_OSCAL_VERSION,
        ...(metadataProps.length > 0 ? { props: metadataProps } : {}),
        ...(catalog.description ? { remarks: catalog.description } : {}),
      },
      ...(groups.length > 0 ? { groups } : {}),
      ...(topControls.length > 0 ? { controls: topControls } : {}),
    },
  };
}

function part(source: CatalogPart, id: string, name: string): OscalPart {
  const props = compactProps([source.label ? { name: 'label', value: source.label } : null]);
  const items = source.items.map((item, index) => part(item, `${id}.${index + 1}`, 'item'));
  return {
    id,
    name,
    ...(props.length > 0 ? { props } : {}),
    ...(source.prose ? { prose: source.prose } : {}),
    ...(items.length > 0 ? { parts: items } : {}),
  };
}

function param(source: NonNullable<CatalogControl['params']>[number]): OscalParam {
  const choices = (source.select?.choices ?? []).filter((choice) => choice !== '');
  const values = (source.values ?? []).map((value) => line(value)).filter(Boolean);
  return {
    id: source.id,
    ...(source.label ? { label: line(source.label) } : {}),
    ...(source.guidelines ? { guidelines: [{ prose: source.guidelines }] } : {}),
    ...(values.length > 0 ? { values } : {}),
    ...(source.select && choices.length > 0
      ? {
          select: {
            ...(source.select.howMany ? { 'how-many': source.select.howMany } : {}),
            choice: choices,
          },
        }
      : {}),
  };
}

function own(name: string, value: string): OscalProp | null {
  const trimmed = line(value);
  return trimmed ? { name, ns: DEMO_LEDGER_NS, value: trimmed } : null;
}

function compactProps(props: (OscalProp | null)[]): OscalProp[] {
  return props
    .filter((prop): prop is OscalProp => prop !== null)
    .map((prop) => ({ ...prop, value: line(prop.value) }))
    .filter((prop) => prop.value !== '');
}

/** OSCAL strings are single-line and trimmed (`MarkupLine`, `StringDatatype`). */
function line(value: string, keepNewlines = false): string {
  return (
    keepNewlines ? value : value.replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run))
  ).trim();
}

const TOKEN = /^(\p{L}|_)(\p{L}|\p{N}|[.\-_])*$/u;

function tokenOr(value: string, fallback: string): string {
  return TOKEN.test(value) ? value : fallback;
}

/**
 * OSCAL ids are XML tokens; this app's control ids may also hold brackets or start with a
 * digit (`AC-2(1)`, `1.1`). Those get a token id in the export and keep their own id in a
 * `control-id` property, which the importer reads back.
 */
function tokenIds(ids: readonly string[]): Map<string, string> {
  const used = new Set(ids.filter((id) => TOKEN.test(id)));
  const map = new Map<string, string>();
  for (const id of ids) {
    if (TOKEN.test(id)) continue;
    const base = `_${id.replace(/[^\p{L}\p{N}._-]/gu, '_')}`;
    let candidate = base;
    for (let suffix = 2; used.has(candidate); suffix += 1) candidate = `${base}_${suffix}`;
    used.add(candidate);
    map.set(id, candidate);
  }
  return map;
}

function isDateTime(value: string | undefined): value is string {
  return value !== undefined && IsoDateTime.safeParse(value).success;
}

function describeSource(source: Catalog['sources'][number]): string {
  return [source.name, source.url, source.repository, source.commit, source.path]
    .filter(Boolean)
    .join(' — ');
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const bucket = map.get(key(item));
    if (bucket) bucket.push(item);
    else map.set(key(item), [item]);
  }
  return map;
}
