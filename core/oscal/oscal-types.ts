/**
 * The parts of the OSCAL catalog model this app reads and writes. Only documents that passed
 * the official schema are read through these types, so their shape is guaranteed.
 */

/** Namespace of the properties this app adds (mappings, evidence formats, provenance). */
export const DEMO_LEDGER_NS = 'urn:demo-ledger:oscal';

export interface OscalProp {
  name: string;
  value: string;
  ns?: string;
  class?: string;
}

export interface OscalLink {
  href: string;
  rel?: string;
}

export interface OscalPart {
  id?: string;
  name: string;
  props?: OscalProp[];
  title?: string;
  prose?: string;
  parts?: OscalPart[];
}

export interface OscalParam {
  id: string;
  label?: string;
  props?: OscalProp[];
  guidelines?: { prose: string }[];
  values?: string[];
  select?: { 'how-many'?: 'one' | 'one-or-more'; choice?: string[] };
}

export interface OscalControl {
  id: string;
  class?: string;
  title: string;
  params?: OscalParam[];
  props?: OscalProp[];
  links?: OscalLink[];
  parts?: OscalPart[];
  controls?: OscalControl[];
}

export interface OscalGroup {
  id?: string;
  class?: string;
  title: string;
  props?: OscalProp[];
  groups?: OscalGroup[];
  controls?: OscalControl[];
}

export interface OscalMetadata {
  title: string;
  published?: string;
  'last-modified': string;
  version: string;
  'oscal-version': string;
  props?: OscalProp[];
  links?: OscalLink[];
  remarks?: string;
}

export interface OscalCatalogDocument {
  catalog: {
    uuid: string;
    metadata: OscalMetadata;
    groups?: OscalGroup[];
    controls?: OscalControl[];
  };
}

/** The label a person reads (`AC-2(1)`): the plain `label` property, not a zero-padded variant. */
export function labelOf(props: OscalProp[] | undefined): string | undefined {
  const labels = (props ?? []).filter((prop) => prop.name === 'label');
  return (labels.find((prop) => prop.class === undefined) ?? labels[0])?.value;
}

export function ownProps(props: OscalProp[] | undefined, name: string): string[] {
  return (props ?? [])
    .filter((prop) => prop.ns === DEMO_LEDGER_NS && prop.name === name)
    .map((prop) => prop.value);
}
