/**
 * Turns storage failures into sentences a user can act on. IndexedDB reports most problems as
 * DOMExceptions; Dexie wraps them and keeps the original as `inner`.
 */
export function describeStorageError(error: unknown): string | null {
  const names = errorNames(error);
  if (names.has('QuotaExceededError')) {
    return 'There is no room left to store data (the disk is full or the storage quota is used up). Nothing from this change was saved. Free some disk space and try again.';
  }
  if (names.has('VersionError')) {
    return 'This data was written by a newer version of Demo Ledger. Update the app to open it; nothing has been changed.';
  }
  if (names.has('DatabaseClosedError') || names.has('InvalidStateError')) {
    return 'The local database was closed (perhaps the app is open in another window that upgraded it). Reload the window to continue.';
  }
  if (names.has('OpenFailedError') || names.has('MissingAPIError')) {
    return 'The local database could not be opened. Check that the data folder is writable and that private browsing is off, then reload.';
  }
  if (names.has('ConstraintError')) {
    return 'A record with the same identity already exists; nothing was changed.';
  }
  return null;
}

function errorNames(error: unknown): Set<string> {
  const names = new Set<string>();
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const candidate = current as { name?: unknown; inner?: unknown; cause?: unknown };
    if (typeof candidate.name === 'string') names.add(candidate.name);
    current = candidate.inner ?? candidate.cause;
  }
  return names;
}
