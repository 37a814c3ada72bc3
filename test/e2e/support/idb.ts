import type { Page } from '@playwright/test';

/**
 * Reads and edits the app's IndexedDB directly, with the browser's own API and none of the app's
 * code: what "behind the app's back" means, and an independent view of what is stored.
 */

export type Snapshot = Record<string, string[]>;

/** Every store, every row (Blobs as size, type and SHA-256), in key order. */
export async function snapshotDatabase(page: Page): Promise<Snapshot> {
  return page.evaluate(async () => {
    const open = (): Promise<IDBDatabase> =>
      new Promise((resolve, reject) => {
        const request = indexedDB.open('demo-ledger');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () =>
          reject(new Error(request.error?.message ?? 'IndexedDB request failed'));
      });
    const database = await open();
    const rows = async (store: string): Promise<{ key: unknown; value: unknown }[]> =>
      new Promise((resolve, reject) => {
        const found: { key: unknown; value: unknown }[] = [];
        const request = database.transaction(store).objectStore(store).openCursor();
        request.onsuccess = () => {
          const cursor = request.result;
          if (!cursor) return resolve(found);
          found.push({ key: cursor.primaryKey, value: cursor.value as unknown });
          cursor.continue();
        };
        request.onerror = () =>
          reject(new Error(request.error?.message ?? 'IndexedDB request failed'));
      });
    const describe = async (value: unknown): Promise<unknown> => {
      if (value instanceof Blob) {
        const digest = await crypto.subtle.digest('SHA-256', await value.arrayBuffer());
        const hex = [...new Uint8Array(digest)]
          .map((b) => b.toString(16).padStart(2, '0'))
          .join('');
        return { blob: hex, size: value.size, type: value.type };
      }
      if (value instanceof Date) return { date: value.toISOString() };
      if (value === undefined) return { undefined: true };
      if (Array.isArray(value)) return Promise.all(value.map(describe));
      if (value && typeof value === 'object') {
        const entries = await Promise.all(
          Object.entries(value).map(async ([key, item]) => [key, await describe(item)] as const),
        );
        return Object.fromEntries(entries);
      }
      return value;
    };
    const snapshot: Record<string, string[]> = {};
    for (const store of Array.from(
      { length: database.objectStoreNames.length },
      (_, index) => database.objectStoreNames.item(index) ?? '',
    ).sort()) {
      const all = await rows(store);
      snapshot[store] = await Promise.all(
        all.map(async (row) => JSON.stringify([row.key, await describe(row.value)])),
      );
    }
    database.close();
    return snapshot;
  });
}

/** Changes fields of one stored record directly in IndexedDB. */
export async function editStoredRecord(
  page: Page,
  store: string,
  key: string | number,
  fields: Record<string, unknown>,
): Promise<void> {
  await page.evaluate(
    async ([storeName, recordKey, changes]) => {
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('demo-ledger');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () =>
          reject(new Error(request.error?.message ?? 'IndexedDB request failed'));
      });
      await new Promise<void>((resolve, reject) => {
        const transaction = database.transaction(storeName, 'readwrite');
        const objects = transaction.objectStore(storeName);
        const read = objects.get(recordKey);
        read.onsuccess = () => objects.put({ ...(read.result as object), ...changes });
        transaction.oncomplete = () => resolve();
        transaction.onerror = () =>
          reject(new Error(transaction.error?.message ?? 'IndexedDB transaction failed'));
      });
      database.close();
    },
    [store, key, fields] as const,
  );
}

/** The key of the first record of a store. */
export async function firstKey(page: Page, store: string): Promise<string> {
  return page.evaluate(async (storeName) => {
    const database = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('demo-ledger');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () =>
        reject(new Error(request.error?.message ?? 'IndexedDB request failed'));
    });
    const key = await new Promise<IDBValidKey | undefined>((resolve, reject) => {
      const request = database.transaction(storeName).objectStore(storeName).getAllKeys(null, 1);
      request.onsuccess = () => resolve(request.result[0]);
      request.onerror = () =>
        reject(new Error(request.error?.message ?? 'IndexedDB request failed'));
    });
    database.close();
    return typeof key === 'string' ? key : JSON.stringify(key);
  }, store);
}

/** Puts rows into one store of the app's database in one transaction, in the page. */
export async function putRows(page: Page, table: string, rows: unknown[]): Promise<void> {
  await page.evaluate(
    async ({ store, values }) => {
      const database = await new Promise<IDBDatabase>((resolve, reject) => {
        const request = indexedDB.open('demo-ledger');
        request.onsuccess = () => resolve(request.result);
        request.onerror = () => reject(new Error(request.error?.message ?? 'open failed'));
      });
      const transaction = database.transaction(store, 'readwrite');
      for (const value of values) transaction.objectStore(store).put(value);
      await new Promise<void>((resolve, reject) => {
        transaction.oncomplete = () => resolve();
        transaction.onabort = () => reject(new Error(transaction.error?.message ?? 'aborted'));
      });
      database.close();
    },
    { store: table, values: rows },
  );
}
