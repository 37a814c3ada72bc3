import { linkedControls, termsRow } from '../../db/evidence-terms';
import type { DataUpgrade } from '../../db/upgrades';

const BATCH = 500;

/**
 * Evidence stored before the search index existed gets its terms (db/evidence-terms.ts keeps
 * them for every write since). Each batch re-reads its rows and their links in the write, so a
 * file changed since the batch was prepared is indexed as it now is.
 */
export const evidenceSearchUpgrade: DataUpgrade<string> = {
  id: 'evidence-search-terms@1',
  title: 'Indexing stored evidence for search',
  tables: ['evidence', 'evidenceLinks', 'evidenceTerms'],
  total: (database) => database.evidence.count(),
  async next(database, cursor) {
    const ids =
      cursor === null
        ? await database.evidence.orderBy('id').limit(BATCH).primaryKeys()
        : await database.evidence.where('id').above(cursor).limit(BATCH).primaryKeys();
    const last = ids.at(-1);
    if (last === undefined) return null;
    return {
      cursor: last,
      items: ids.length,
      async write() {
        const rows = await database.evidence.bulkGet(ids);
        const links = await database.evidenceLinks.where('evidenceId').anyOf(ids).toArray();
        await database.evidenceTerms.bulkPut(
          rows
            .filter((row) => row !== undefined)
            .map((row) =>
              termsRow(row, linkedControls(links.filter((link) => link.evidenceId === row.id))),
            ),
        );
      },
    };
  },
};
