import Dexie from 'dexie';
import type {
  DBCore,
  DBCoreKeyRange,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import { searchTerms } from '../../../core/evidence/search-terms';

/**
 * The evidence search index, kept by the database itself: a DBCore middleware that, in the same
 * transaction as any write to `evidence` or `evidenceLinks` (by whatever path: ingest, bundle
 * merge, restore, the sample workspace), rewrites the `evidenceTerms` row of every file the
 * write touched. A row holds one index key per term, `[workspaceId, term, attachedAt, id]`
 * (a multi-entry index), so the files matching a term come out of the index newest first
 * without reading them.
 */

export const TERMS_TABLE = 'evidenceTerms';
const WATCHED = ['evidence', 'evidenceLinks'];

export type TermKey = [workspaceId: string, term: string, attachedAt: string, evidenceId: string];

export interface EvidenceTermsRow {
  /** The evidence id. */
  id: string;
  workspaceId: string;
  keys: TermKey[];
}

interface IndexedFields {
  id: string;
  workspaceId: string;
  attachedAt: string;
  /** Rows stored by older versions may lack any of these. */
  fileName?: string;
  format?: string;
  variant?: string;
  sourceKey?: string;
  headline?: string;
  parseError?: string | null;
  notes?: string;
}

/** The search row of one file and the control ids it is linked to. */
export function termsRow(evidence: IndexedFields, controls: readonly string[]): EvidenceTermsRow {
  const terms = searchTerms([
    evidence.fileName ?? '',
    evidence.format ?? '',
    evidence.variant ?? '',
    evidence.sourceKey ?? '',
    ...controls,
    evidence.headline ?? '',
    evidence.parseError ?? '',
    evidence.notes ?? '',
  ]);
  return {
    id: evidence.id,
    workspaceId: evidence.workspaceId,
    keys: terms.map((term) => [evidence.workspaceId, term, evidence.attachedAt, evidence.id]),
  };
}

interface LinkFields {
  evidenceId: string;
  targetType: string;
  targetId: string;
}

/** Control ids among links (the other targets, demo items and issues, are not words to search). */
export function linkedControls(links: readonly LinkFields[]): string[] {
  return links.filter((link) => link.targetType === 'control').map((link) => link.targetId);
}

/** `DBCoreRangeType.Equal` (a const enum, which isolated modules cannot read). */
const EQUAL = 1 as DBCoreKeyRange['type'];

export function createEvidenceTermsMiddleware(): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'evidenceTerms',
    // Below Dexie's hooks layer (level 2), which reads the calling zone's transaction on every
    // write: the awaits here would lose it above; above observability (0), so live queries
    // over the terms see these writes.
    level: 1.5,
    create(down: DBCore): Partial<DBCore> {
      const reindex = async (trans: DBCoreTransaction, ids: readonly unknown[]): Promise<void> => {
        const wanted = [...new Set(ids)].filter((id): id is string => typeof id === 'string');
        if (wanted.length === 0) return;
        const links = down.table('evidenceLinks');
        const byEvidence = links.schema.getIndexByKeyPath('evidenceId');
        if (byEvidence === undefined) throw new Error('evidenceLinks has no evidenceId index');
        const rows = (await down.table('evidence').getMany({ trans, keys: wanted })) as (
          IndexedFields | undefined
        )[];
        const put: EvidenceTermsRow[] = [];
        const gone: string[] = [];
        for (const [index, id] of wanted.entries()) {
          const row = rows[index];
          if (row === undefined) {
            gone.push(id);
            continue;
          }
          const { result } = await links.query({
            trans,
            values: true,
            query: { index: byEvidence, range: { type: EQUAL, lower: id, upper: id } },
          });
          put.push(termsRow(row, linkedControls(result as LinkFields[])));
        }
        const terms = down.table(TERMS_TABLE);
        if (put.length > 0) await terms.mutate({ type: 'put', trans, values: put });
        if (gone.length > 0) await terms.mutate({ type: 'delete', trans, keys: gone });
      };

      const evidenceIdOf =
        (table: string) =>
        (row: unknown): unknown =>
          table === 'evidence'
            ? (row as { id?: unknown } | undefined)?.id
            : (row as { evidenceId?: unknown } | undefined)?.evidenceId;

      return {
        transaction(stores, mode, options) {
          const touches = mode === 'readwrite' && stores.some((store) => WATCHED.includes(store));
          const scope = touches ? [...new Set([...stores, ...WATCHED, TERMS_TABLE])] : stores;
          return down.transaction(scope, mode, options);
        },
        table(name: string): DBCoreTable {
          const table = down.table(name);
          if (!WATCHED.includes(name)) return table;
          return {
            ...table,
            // Handed back as Dexie's own promise: the layers above await it and go on in the
            // caller's transaction zone, which a native promise would drop.
            mutate: (req: DBCoreMutateRequest) => Dexie.Promise.resolve(indexedMutate(req)),
          };
          async function indexedMutate(req: DBCoreMutateRequest): Promise<DBCoreMutateResponse> {
            // The files whose terms the write may change, read before it. Dexie's layers
            // below read the caller's transaction from its zone, which only Dexie's own
            // promises carry across an await: so these reads are awaited here, not in a helper.
            const idOf = evidenceIdOf(name);
            let before: unknown[] = [];
            if (req.type === 'deleteRange') {
              const query = { index: table.schema.primaryKey, range: req.range };
              before = (await table.query({ trans: req.trans, values: true, query })).result;
            } else if (req.type === 'delete') {
              before =
                name === 'evidence'
                  ? req.keys
                  : await table.getMany({ trans: req.trans, keys: req.keys });
            } else if (name === 'evidenceLinks' && req.type === 'put' && req.keys) {
              // A link rewritten to another file changes the terms of the one it left.
              before = await table.getMany({ trans: req.trans, keys: req.keys });
            }
            const response = await table.mutate(req);
            const touched =
              req.type === 'delete' && name === 'evidence'
                ? req.keys
                : req.type === 'add' || req.type === 'put'
                  ? [...req.values.map(idOf), ...before.map(idOf)]
                  : before.map(idOf);
            await reindex(req.trans, touched);
            return response;
          }
        },
      };
    },
  };
}
