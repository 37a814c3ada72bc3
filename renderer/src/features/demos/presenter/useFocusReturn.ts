import type { RefObject } from 'react';
import { useCallback, useEffect } from 'react';

/** Where the presenter's keys act from: the selected control, else presenter mode itself. */
const SELECTED_CONTROL = '.control-row[aria-current="true"] .control-select';

/**
 * After a dialog or the file picker closes, focus must be somewhere the room can see and the
 * presenter's keys work: where the browser put it back when that is a visible element of
 * presenter mode, else the selected control (else presenter mode itself). Never `<body>`, and
 * never the hidden file input.
 */
export function useFocusReturn(
  rootRef: RefObject<HTMLElement | null>,
  fileInputRef: RefObject<HTMLInputElement | null>,
): () => void {
  const returnFocus = useCallback(() => {
    // After the closing dialog has put focus back (it does so as it closes).
    requestAnimationFrame(() => {
      const root = rootRef.current;
      if (!root || root.querySelector('dialog[open]')) return;
      const active = document.activeElement;
      const kept =
        active instanceof HTMLElement &&
        active !== root &&
        active !== fileInputRef.current &&
        root.contains(active) &&
        active.getClientRects().length > 0;
      if (kept) return;
      (root.querySelector<HTMLElement>(SELECTED_CONTROL) ?? root).focus();
    });
  }, [rootRef, fileInputRef]);
  useEffect(() => {
    // A picker closed without a choice fires `cancel` (React does not listen for it on inputs).
    const input = fileInputRef.current;
    input?.addEventListener('cancel', returnFocus);
    return () => input?.removeEventListener('cancel', returnFocus);
  }, [fileInputRef, returnFocus]);
  return returnFocus;
}
