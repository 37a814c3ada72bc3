import { z } from 'zod';

/**
 * References between features, as plain strings so any table can index them.
 *
 * A control is referenced as `<catalogId>#<controlId>`, e.g. `nist-sp-800-53-rev5#ac-2.1` or
 * `owasp-asvs#V5.1.1`: the catalog's stable id, then the control id exactly as the catalog
 * spells it. The catalog version a workspace was assessed against is kept by the workspace, not
 * in the reference, so references survive catalog updates.
 */
export const CATALOG_ID = /^[a-z0-9][a-z0-9._-]{0,63}$/;
export const CONTROL_ID = /^[A-Za-z0-9][A-Za-z0-9._()-]{0,63}$/;

export const ControlRef = z.string().refine((value) => {
  const [catalog, control, ...rest] = value.split('#');
  return (
    rest.length === 0 &&
    catalog !== undefined &&
    control !== undefined &&
    CATALOG_ID.test(catalog) &&
    CONTROL_ID.test(control)
  );
}, 'expected a control reference like nist-sp-800-53-rev5#ac-2');
export type ControlRef = z.infer<typeof ControlRef>;

export function controlRef(catalogId: string, controlId: string): ControlRef {
  return ControlRef.parse(`${catalogId}#${controlId}`);
}

export function parseControlRef(ref: ControlRef): { catalogId: string; controlId: string } {
  const [catalogId = '', controlId = ''] = ref.split('#');
  return { catalogId, controlId };
}
