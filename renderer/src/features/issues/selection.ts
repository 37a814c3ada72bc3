import { createSharedValue } from '../../lib/sharedValue';

/**
 * Which issue the Issues area shows in detail. Kept outside the page so other areas can open an
 * issue (post-mortem actions) before navigating there.
 */
const selected = createSharedValue<string | null>(null);

export const selectIssue = (id: string | null): void => selected.set(id);
export const useSelectedIssueId = (): string | null => selected.use();
