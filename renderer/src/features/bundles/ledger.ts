import type { IndexableType } from 'dexie';
import type { TableDescriptor } from '../../../../core/archive/format';
import type { SliceRecord, SliceStore } from '../../../../core/bundle/scope';
import type { AuditLogReader } from '../../../../core/bundle/slice';
import type { LedgerDatabase } from '../../db';
import { tableSources } from '../backup/source';

/**
 * The app's database as the bundle exporter reads it: records by key or indexed field, the audit
 * log by sequence, and each table's descriptor exactly as backups describe it.
 */

export function databaseStore(db: LedgerDatabase): SliceStore {
  const names = new Set(db.tables.map((table) => table.name));
  const recordsOf = (table: string, values: readonly unknown[]): SliceRecord[] => {
    const keyPath = db.table(table).schema.primKey.keyPath;
    return values
      .filter(
        (value): value is Record<string, unknown> => typeof value === 'object' && value !== null,
      )
      .map((value) => ({
        key: typeof keyPath === 'string' ? value[keyPath] : keyPath?.map((part) => value[part]),
        value,
      }));
  };
  return {
    has: (table) => names.has(table),
    async get(table, keys) {
      const found = await db.table(table).bulkGet(keys as IndexableType[]);
      return recordsOf(table, found);
    },
    async where(table, field, values) {
      if (values.length === 0) return [];
      const found = await db
        .table(table)
        .where(field)
        .anyOf(values as IndexableType[])
        .toArray();
      return recordsOf(table, found);
    },
  };
}

export function databaseLog(db: LedgerDatabase): AuditLogReader {
  return {
    async firstSeq(entity, key) {
      const entry = await db.auditLog.where('[entity+key]').equals([entity, key]).first();
      return entry?.seq ?? null;
    },
    async entry(seq) {
      return (await db.auditLog.get(seq)) ?? null;
    },
    page: (afterSeq, limit) => db.auditLog.where('seq').above(afterSeq).limit(limit).toArray(),
  };
}

export function tableDescriber(db: LedgerDatabase): (table: string) => TableDescriptor {
  const descriptors = new Map(
    tableSources(db).map((source): [string, TableDescriptor] => [
      source.name,
      {
        name: source.name,
        schema: source.schema,
        primaryKey: source.primaryKey,
        autoIncrement: source.autoIncrement,
        audited: source.audited,
      },
    ]),
  );
  return (table) => {
    const descriptor = descriptors.get(table);
    if (!descriptor) throw new Error(`This app has no table ${table}.`);
    return descriptor;
  };
}
