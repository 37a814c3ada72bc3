import { liveQuery } from 'dexie';
import { useSyncExternalStore } from 'react';
import { z } from 'zod';
import { ControlLibrary } from '../../../../core/catalog/library';
import type { Catalog } from '../../../../core/catalog/model';
import { Catalog as CatalogSchema } from '../../../../core/catalog/model';
import type { ControlSearchIndex } from '../../../../core/catalog/search';
import { buildSearchIndexInSteps } from '../../../../core/catalog/search';
import manifestJson from '../../../../templates/frameworks/manifest.json';
import { db } from '../../db';
import { yieldToPage } from '../../lib/yieldToPage';

/**
 * The loaded control library: the shipped catalogs (data files fetched on first use, never part
 * of the start-up bundle) plus every catalog imported into the database. Loaded once, rebuilt
 * when imports change, shared by every component through `useControlLibrary`.
 */

const ManifestEntry = z.object({
  id: z.string(),
  title: z.string(),
  shortTitle: z.string(),
  version: z.string(),
  licence: z.string(),
  file: z.string(),
  counts: z.object({
    groups: z.number(),
    controls: z.number(),
    enhancements: z.number(),
    withdrawn: z.number(),
  }),
  profiles: z.array(z.object({ id: z.string(), title: z.string() })),
});
export type ManifestEntry = z.infer<typeof ManifestEntry>;

/** What ships with the app, known without loading any catalog. */
export const SHIPPED_FRAMEWORKS: readonly ManifestEntry[] = z
  .array(ManifestEntry)
  .parse(manifestJson);

// Each data file becomes its own chunk, fetched only when the library is first needed.
const shippedFiles = import.meta.glob<{ default: unknown }>([
  '../../../../templates/frameworks/*.json',
  '!**/manifest.json',
]);

async function loadShipped(entry: ManifestEntry): Promise<Catalog> {
  const loader = Object.entries(shippedFiles).find(([file]) =>
    file.endsWith(`/${entry.file}`),
  )?.[1];
  if (!loader) throw new Error(`The catalog file ${entry.file} is missing from this build.`);
  const module = await loader();
  // Each catalog is checked in a task of its own: together they would hold the page too long.
  await yieldToPage();
  return CatalogSchema.parse(module.default);
}

export interface LibraryState {
  library: ControlLibrary | undefined;
  /** Built after the library, a step at a time: absent for a moment after `library` is set. */
  index: ControlSearchIndex | undefined;
  /** True until the library itself has loaded. */
  isLoading: boolean;
  error: Error | undefined;
}

let state: LibraryState = {
  library: undefined,
  index: undefined,
  isLoading: false,
  error: undefined,
};
let shipped: Promise<Catalog[]> | null = null;
let imported: Catalog[] = [];
let started = false;
const listeners = new Set<() => void>();

function publish(next: Partial<LibraryState>): void {
  state = { ...state, ...next };
  for (const listener of listeners) listener();
}

async function rebuild(): Promise<void> {
  try {
    shipped ??= Promise.all(SHIPPED_FRAMEWORKS.map(loadShipped));
    const catalogs = [...(await shipped), ...imported];
    await yieldToPage();
    const library = new ControlLibrary(catalogs);
    // The library is usable at once; search follows when its index is built, step by step
    // (until then no index: one built over the previous catalogs would miss the new ones).
    publish({ library, index: undefined, isLoading: false, error: undefined });
    const index = await buildSearchIndexInSteps(library, yieldToPage);
    if (state.library === library) publish({ index });
  } catch (error) {
    shipped = null;
    publish({ isLoading: false, error: error instanceof Error ? error : new Error(String(error)) });
  }
}

/** Starts loading (once) and follows imports; safe to call from any component or command. */
export function ensureLibrary(): void {
  if (started) return;
  started = true;
  publish({ isLoading: true });
  liveQuery(() => db.catalogs.where('origin').equals('imported').toArray()).subscribe({
    next: (rows) => {
      // The newest import of each catalog id wins; older versions stay stored for pinned workspaces.
      const latest = new Map<string, Catalog>();
      for (const row of [...rows].sort((a, b) => a.storedAt.localeCompare(b.storedAt)))
        latest.set(row.catalogId, row.catalog);
      imported = [...latest.values()];
      void rebuild();
    },
    error: (error: unknown) =>
      publish({
        isLoading: false,
        error: error instanceof Error ? error : new Error(String(error)),
      }),
  });
}

/** Resolves once the library has loaded: every catalog and the search index over them. */
export async function loadedCatalogs(): Promise<{
  library: ControlLibrary;
  index: ControlSearchIndex;
}> {
  ensureLibrary();
  const ready = (): { library: ControlLibrary; index: ControlSearchIndex } | null =>
    state.library && state.index ? { library: state.library, index: state.index } : null;
  const now = ready();
  if (now) return now;
  return new Promise((resolve, reject) => {
    const check = (): void => {
      const loaded = ready();
      if (loaded) {
        listeners.delete(check);
        resolve(loaded);
      } else if (state.error) {
        listeners.delete(check);
        reject(state.error);
      }
    };
    listeners.add(check);
  });
}

/** Resolves once the library has loaded (for commands that need a catalog). */
export async function loadedLibrary(): Promise<ControlLibrary> {
  return (await loadedCatalogs()).library;
}

function subscribe(listener: () => void): () => void {
  ensureLibrary();
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Every loaded catalog with lookups and the search index; loads on first use. */
export function useControlLibrary(): LibraryState {
  return useSyncExternalStore(subscribe, () => state);
}

/** Title, label and statement of a control reference, once the library has loaded. */
export function useControlSummary(ref: string) {
  const { library } = useControlLibrary();
  return library?.describe(ref);
}
