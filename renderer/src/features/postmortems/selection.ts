import { createSharedValue } from '../../lib/sharedValue';

/** Which post-mortem the Post-mortems area has open; set before navigating there. */
const selected = createSharedValue<string | null>(null);

export const selectPostMortem = (id: string | null): void => selected.set(id);
export const useSelectedPostMortemId = (): string | null => selected.use();
