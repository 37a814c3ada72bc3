import Dexie from 'dexie';
import type {
  DBCore,
  DBCoreIndex,
  DBCoreMutateRequest,
  DBCoreMutateResponse,
  DBCoreTable,
  DBCoreTransaction,
  Middleware,
} from 'dexie';
import type { AuditEntry, AuditOp, ChainHead } from '../../../core/audit/chain';
import { EMPTY_HEAD, HEAD_LOCATION, nextEntry } from '../../../core/audit/chain';
import { canonicalJson } from '../../../core/audit/canonical';
import { auditDetail } from './schema';

/**
 * A DBCore middleware that appends a hash-chained audit entry for every row written to an
 * audited table, inside the same IndexedDB transaction as the write. Because it sits in Dexie's
 * own stack, no write path (table methods, collections, bulk operations) can bypass it; and
 * because it widens every read-write transaction to include the log, a write and its entry
 * commit or roll back together.
 */

export const AUDIT_TABLE = 'auditLog';
export const META_TABLE = HEAD_LOCATION.table;
export const HEAD_KEY = HEAD_LOCATION.key;

export interface AuditContext {
  actor: () => string;
  now: () => Date;
}

const actions = new WeakMap<object, string>();

/** Labels every audit entry written by `fn` (inside its transaction) with `action`. */
export function labelTransaction(transaction: object, action: string): void {
  actions.set(transaction, action);
}

function currentAction(): string {
  let transaction: { parent?: unknown } | null = Dexie.currentTransaction;
  while (transaction) {
    const label = actions.get(transaction);
    if (label !== undefined) return label;
    transaction = (transaction.parent as { parent?: unknown } | undefined) ?? null;
  }
  return 'edit';
}

interface Change {
  op: AuditOp;
  key: unknown;
  before: unknown;
  after: unknown;
}

export function createAuditMiddleware(context: AuditContext): Middleware<DBCore> {
  return {
    stack: 'dbcore',
    name: 'auditChain',
    create(down: DBCore): Partial<DBCore> {
      // Appends for one transaction run one after another, so two concurrent writes in the
      // same transaction cannot both link to the same head.
      const queues = new WeakMap<DBCoreTransaction, Promise<unknown>>();

      const append = async (
        trans: DBCoreTransaction,
        entity: string,
        changes: Change[],
      ): Promise<void> => {
        if (changes.length === 0) return;
        const meta = down.table(META_TABLE);
        const log = down.table(AUDIT_TABLE);
        const stored = (await meta.get({ trans, key: HEAD_KEY })) as
          { value?: ChainHead } | undefined;
        let head = stored?.value ?? EMPTY_HEAD;
        const entries: AuditEntry[] = [];
        const at = context.now().toISOString();
        const actor = context.actor();
        const action = currentAction();
        const detail = auditDetail(entity) === 'keys' ? 'keys' : 'full';
        for (const change of changes) {
          const entry = nextEntry(head, { ...change, at, actor, action, entity, detail });
          entries.push(entry);
          head = { seq: entry.seq, hash: entry.hash };
        }
        await log.mutate({ type: 'add', trans, values: entries });
        await meta.mutate({ type: 'put', trans, values: [{ key: HEAD_KEY, value: head }] });
      };

      const serialised = <T>(trans: DBCoreTransaction, work: () => Promise<T>): Promise<T> => {
        const previous = queues.get(trans) ?? Promise.resolve();
        const result = previous.then(work, work);
        queues.set(
          trans,
          result.catch(() => undefined),
        );
        return result;
      };

      return {
        transaction(stores, mode, options) {
          const audited =
            mode === 'readwrite' && stores.some((store) => auditDetail(store) !== 'off');
          const scope = audited ? [...new Set([...stores, AUDIT_TABLE, META_TABLE])] : stores;
          return down.transaction(scope, mode, options);
        },
        table(name: string): DBCoreTable {
          const table = down.table(name);
          if (auditDetail(name) === 'off') return table;
          return {
            ...table,
            mutate: (req: DBCoreMutateRequest) =>
              serialised(req.trans, () => auditedMutate(table, req)),
          };
        },
      };

      async function auditedMutate(
        table: DBCoreTable,
        req: DBCoreMutateRequest,
      ): Promise<DBCoreMutateResponse> {
        const { trans } = req;
        const primaryKey = table.schema.primaryKey;
        if (req.type === 'deleteRange') {
          const { result } = await table.query({
            trans,
            values: true,
            query: { index: primaryKey, range: req.range },
          });
          const rows: unknown[] = result;
          const keys = rows.map((value) => keyOfValue(primaryKey, value));
          const response = await table.mutate(req);
          await append(
            trans,
            table.name,
            rows.map((before, index) => ({
              op: 'delete',
              key: keys[index],
              before,
              after: undefined,
            })),
          );
          return response;
        }
        if (req.type === 'delete') {
          const before = await table.getMany({ trans, keys: req.keys });
          const response = await table.mutate(req);
          const changes: Change[] = [];
          req.keys.forEach((key: unknown, index) => {
            if (before[index] !== undefined && !(index in response.failures)) {
              changes.push({ op: 'delete', key, before: before[index], after: undefined });
            }
          });
          await append(trans, table.name, changes);
          return response;
        }
        const suppliedKeys: unknown[] =
          req.keys ?? req.values.map((value: unknown) => keyOfValue(primaryKey, value));
        const knownKeys = suppliedKeys.filter((key) => key !== undefined);
        const before =
          req.type === 'put' && knownKeys.length === suppliedKeys.length
            ? await table.getMany({ trans, keys: suppliedKeys })
            : [];
        const response = await table.mutate(req);
        const keys: unknown[] = response.results ?? suppliedKeys;
        const changes: Change[] = [];
        req.values.forEach((after: unknown, index) => {
          if (index in response.failures) return;
          const was: unknown = before[index];
          if (was !== undefined && canonicalJson(was) === canonicalJson(after)) return;
          changes.push({
            op: was === undefined ? 'create' : 'update',
            key: keys[index],
            before: was,
            after,
          });
        });
        await append(trans, table.name, changes);
        return response;
      }
    },
  };
}

function keyOfValue(primaryKey: DBCoreIndex, value: unknown): unknown {
  const extracted: unknown = primaryKey.extractKey?.(value);
  return extracted;
}
