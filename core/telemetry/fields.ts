/** Field access for records read from JSON or CSV, which are hostile input of any shape. */

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Reads `a.b` as a flat key or as a nested path. */
export function pick(record: Record<string, unknown>, names: readonly string[]): unknown {
  for (const name of names) {
    if (Object.hasOwn(record, name)) return record[name];
    if (!name.includes('.')) continue;
    let current: unknown = record;
    for (const part of name.split('.')) {
      if (typeof current !== 'object' || current === null || !Object.hasOwn(current, part)) {
        current = undefined;
        break;
      }
      current = (current as Record<string, unknown>)[part];
    }
    if (current !== undefined) return current;
  }
  return undefined;
}

/** The host a record names (ECS `host.name`, Wazuh `agent.name`, plain `host`), or ''. */
export function hostOf(record: Record<string, unknown>): string {
  const value = pick(record, [
    'host.name',
    'host.hostname',
    'hostname',
    'host',
    'agent.name',
    'agent.hostname',
    'observer.hostname',
  ]);
  return typeof value === 'string' ? value.trim().slice(0, 200) : '';
}

const ARRAY_KEYS = [
  'events',
  'records',
  'Records',
  'data',
  'items',
  'logins',
  'changes',
  'metrics',
  'points',
];

/** The records of a whole JSON document: an array, or the array under a usual key. */
export function itemsOf(document: unknown): unknown[] | null {
  if (Array.isArray(document)) return document as unknown[];
  if (typeof document !== 'object' || document === null) return null;
  for (const key of ARRAY_KEYS) {
    const value: unknown = (document as Record<string, unknown>)[key];
    if (Array.isArray(value)) return value as unknown[];
  }
  return null;
}
