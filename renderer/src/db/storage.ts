export interface StorageStatus {
  persisted: boolean;
  usageBytes: number | null;
  quotaBytes: number | null;
}

/**
 * Asks the browser to keep the data even under storage pressure. Without it an origin's
 * IndexedDB may be evicted, and a local-only audit store must never silently disappear.
 */
export async function requestPersistentStorage(): Promise<boolean> {
  const storage = globalThis.navigator?.storage as StorageManager | undefined;
  if (!storage?.persist) return false;
  if (await storage.persisted()) return true;
  return storage.persist();
}

export async function storageStatus(): Promise<StorageStatus> {
  const storage = globalThis.navigator?.storage as StorageManager | undefined;
  if (!storage) return { persisted: false, usageBytes: null, quotaBytes: null };
  const [persisted, estimate] = await Promise.all([
    storage.persisted ? storage.persisted() : Promise.resolve(false),
    storage.estimate ? storage.estimate() : Promise.resolve({} as StorageEstimate),
  ]);
  return { persisted, usageBytes: estimate.usage ?? null, quotaBytes: estimate.quota ?? null };
}
