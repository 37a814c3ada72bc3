import { searchControls } from '../../../../../core/catalog/search';
import type { ControlRef } from '../../../../../core/model';
import { ControlRef as ControlRefSchema } from '../../../../../core/model';
import { buildStatementOfApplicability } from '../../controls/commands';
import { loadedCatalogs, loadedLibrary } from '../../controls/library';
import { resolveControls } from '../../controls/resolve';
import type { ControlMatch, ControlScope, ControlSearch } from '../slots';

/** The control catalogs behind the demo's control field, titles and coverage scope. */

const MAX_MATCHES = 20;

/**
 * Every loaded catalog (shipped and imported) searched by id in any common spelling, title or
 * words of the statement. A full reference (`catalog#control`) is offered as typed: with its
 * title when a catalog has it, and still accepted when none does, since catalogs can be
 * imported later. `catalog#words` searches that catalog only.
 */
export const catalogControlSearch: ControlSearch = {
  hint: 'Search every catalog by id (ac-2, V5.1.1, A.8.8), title or words of the statement; a full reference such as nist-sp-800-53-rev5#ac-2 works for imported catalogs too.',
  async search(text) {
    const query = text.trim();
    if (query === '') return [];
    const { library, index } = await loadedCatalogs();
    const matches: ControlMatch[] = [];
    if (ControlRefSchema.safeParse(query).success) {
      const known = library.describe(query);
      const catalog = known ? library.catalog(known.catalogId) : undefined;
      matches.push(
        known
          ? { ref: query, title: known.title, source: catalog?.shortTitle ?? known.catalogTitle }
          : { ref: query, title: null, source: 'typed; no loaded catalog has it' },
      );
    }
    const hash = query.indexOf('#');
    const catalogId = hash > 0 ? query.slice(0, hash) : null;
    const words = hash > 0 ? query.slice(hash + 1) : query;
    const options = { limit: MAX_MATCHES, ...(catalogId ? { catalogIds: [catalogId] } : {}) };
    for (const hit of searchControls(index, words, options)) {
      if (hit.ref !== query)
        matches.push({ ref: hit.ref, title: hit.title, source: hit.catalogTitle });
    }
    return matches.slice(0, MAX_MATCHES);
  },
  // The field lists the search's matches as one types, so Enter may take the best one shown.
  resolve: (text) => resolveControls(text, { bestMatchOfWords: true }),
  async titles(refs) {
    const library = await loadedLibrary();
    const titles = new Map<ControlRef, string>();
    for (const ref of refs) {
      const title = library.describe(ref)?.title;
      if (title !== undefined) titles.set(ref, title);
    }
    return titles;
  },
};

/**
 * The workspace's Statement of Applicability: the controls of each adopted framework (its
 * baseline or level, else every control not withdrawn) and any control decided applicable,
 * against the catalog versions the workspace pinned; controls decided not applicable are out.
 */
export const statementOfApplicabilityScope: ControlScope = {
  hint: 'In scope: the frameworks this workspace adopted (their baseline or level) and the controls decided applicable, less those decided not applicable, in the Statement of Applicability (Controls area); controls linked or judged in a demo count too.',
  async scope(workspaceId) {
    const rows = await buildStatementOfApplicability(workspaceId);
    const inScope: ControlRef[] = [];
    const outOfScope: ControlRef[] = [];
    for (const row of rows) {
      if (row.applicability === 'not-applicable') outOfScope.push(row.ref);
      else if (row.applicability === 'applicable' || row.inProfile) inScope.push(row.ref);
    }
    return { inScope, outOfScope };
  },
};
