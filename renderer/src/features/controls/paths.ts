import { parseControlRef } from '../../../../core/model/refs';

/** Addresses inside the Controls area, for links from any feature. */
export const CONTROLS_PATH = '/controls';

export function controlPath(ref: string): string {
  const { catalogId, controlId } = parseControlRef(ref);
  return `${CONTROLS_PATH}/control/${encodeURIComponent(catalogId)}/${encodeURIComponent(controlId)}`;
}

export function browsePath(catalogId: string, groupId?: string): string {
  const base = `${CONTROLS_PATH}/browse/${encodeURIComponent(catalogId)}`;
  return groupId === undefined ? base : `${base}/${encodeURIComponent(groupId)}`;
}

export const SOA_PATH = `${CONTROLS_PATH}/soa`;
