import type { Catalog } from '../../../core/catalog/model';
import { CATALOG_FORMAT } from '../../../core/catalog/model';

/** A one-control catalog as an organisation would import it (`acme-controls#INV-1`). */
export function smallCatalog(statement = 'Keep an inventory of systems.'): Catalog {
  return {
    format: CATALOG_FORMAT,
    id: 'acme-controls',
    title: 'ACME internal controls',
    version: '2026.1',
    sources: [],
    licence: { spdx: 'NOASSERTION', name: 'Internal', attribution: 'ACME security team' },
    groups: [{ id: 'inv', title: 'Inventory', parentId: null }],
    controls: [
      {
        id: 'INV-1',
        title: 'System inventory',
        parentId: null,
        groupId: 'inv',
        statement: { prose: statement, items: [] },
      },
    ],
    profiles: [],
  };
}
