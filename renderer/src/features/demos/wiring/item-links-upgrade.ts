import { controlsDemonstrated } from '../../../../../core/evidence/controls';
import { DEMO_ITEM_TARGET } from '../../../../../core/model';
import type { LedgerDatabase } from '../../../db/db';
import type { DataUpgrade } from '../../../db/upgrades';
import { linkCatalogs } from './evidence';

/**
 * Files on agenda items linked by meaning, as a drop now links them. A file dropped on an item
 * used to be linked to every control of the item (and to each control it gained later); now it
 * speaks only for those its format can demonstrate (`controlsDemonstrated`). For every item,
 * each stored file's links to the item's controls (and the controls judged on it) that the file
 * cannot demonstrate are removed; links to other controls stay. Each removal is in the audit
 * log under `upgrade:item-evidence-links@1`, so it can be seen and linked again by hand.
 */

const BATCH = 50;

async function unmeantLinks(
  database: LedgerDatabase,
  itemIds: readonly string[],
  catalogs: Awaited<ReturnType<typeof linkCatalogs>>,
): Promise<string[]> {
  const remove = new Set<string>();
  for (const item of await database.demoItems.bulkGet([...itemIds])) {
    if (item === undefined) continue;
    const judged = await database.demoVerdicts.where('itemId').equals(item.id).toArray();
    const controls = new Set([...item.controls, ...judged.map((verdict) => verdict.control)]);
    const onItem = await database.evidenceLinks
      .where('[targetType+targetId]')
      .equals([DEMO_ITEM_TARGET, item.id])
      .toArray();
    for (const evidence of await database.evidence.bulkGet(onItem.map((link) => link.evidenceId))) {
      if (evidence === undefined) continue;
      const summary = (await database.evidenceSummaries.get(evidence.sha256))?.summary ?? null;
      const meant = new Set(controlsDemonstrated(summary, [...controls], catalogs));
      const links = await database.evidenceLinks.where('evidenceId').equals(evidence.id).toArray();
      for (const link of links) {
        if (
          link.targetType === 'control' &&
          controls.has(link.targetId) &&
          !meant.has(link.targetId)
        )
          remove.add(link.id);
      }
    }
  }
  return [...remove];
}

export const itemEvidenceLinksUpgrade: DataUpgrade<string> = {
  id: 'item-evidence-links@1',
  title: 'Linking files on agenda items only to the controls they can demonstrate',
  tables: ['evidenceLinks'],
  total: (database) => database.demoItems.count(),
  async next(database, cursor) {
    const items =
      cursor === null
        ? await database.demoItems.orderBy('id').limit(BATCH).primaryKeys()
        : await database.demoItems.where('id').above(cursor).limit(BATCH).primaryKeys();
    const last = items.at(-1);
    if (last === undefined) return null;
    const remove = await unmeantLinks(database, items, await linkCatalogs());
    return {
      cursor: last,
      items: items.length,
      // A link removed meanwhile is simply not there to delete.
      write: () => database.evidenceLinks.bulkDelete(remove),
    };
  },
};
