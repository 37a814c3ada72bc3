/**
 * Keyboard shortcuts written as `Mod+K`, `Alt+3`, `Shift+?`, `F1`, `Escape`. `Mod` is Ctrl on
 * Linux and Windows and ⌘ on macOS, so one definition serves every platform.
 */
export interface Chord {
  mod: boolean;
  alt: boolean;
  shift: boolean;
  key: string;
}

const NAMED_KEYS = new Set([
  'escape',
  'enter',
  'tab',
  'space',
  'arrowup',
  'arrowdown',
  'arrowleft',
  'arrowright',
  'home',
  'end',
  'pageup',
  'pagedown',
  'delete',
  'backspace',
]);

export function parseShortcut(shortcut: string): Chord {
  const parts = shortcut.split('+');
  const key = parts.pop();
  if (key === undefined || key === '') throw new Error(`Invalid shortcut: ${shortcut}`);
  const modifiers = new Set(parts.map((part) => part.toLowerCase()));
  for (const modifier of modifiers) {
    if (!['mod', 'alt', 'shift'].includes(modifier))
      throw new Error(`Unknown modifier in ${shortcut}`);
  }
  return {
    mod: modifiers.has('mod'),
    alt: modifiers.has('alt'),
    shift: modifiers.has('shift'),
    key: key.toLowerCase(),
  };
}

export interface KeyLike {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
}

/** The key a chord names, read from the physical key for letters and digits (Alt+3 on macOS types £). */
export function keyOf(event: KeyLike): string {
  const letter = /^Key([A-Z])$/.exec(event.code);
  if (letter?.[1]) return letter[1].toLowerCase();
  const digit = /^(?:Digit|Numpad)(\d)$/.exec(event.code);
  if (digit?.[1]) return digit[1];
  return event.key === ' ' ? 'space' : event.key.toLowerCase();
}

export function matches(chord: Chord, event: KeyLike, isMac: boolean): boolean {
  const mod = isMac ? event.metaKey : event.ctrlKey;
  const other = isMac ? event.ctrlKey : event.metaKey;
  if (mod !== chord.mod || other || event.altKey !== chord.alt) return false;
  const key = keyOf(event);
  // Symbols such as `?` are typed with Shift; a chord naming the symbol need not say so.
  const symbol = key.length === 1 && !/[a-z0-9]/.test(key);
  if (!symbol && event.shiftKey !== chord.shift) return false;
  return key === chord.key;
}

export function formatShortcut(shortcut: string, isMac: boolean): string {
  const chord = parseShortcut(shortcut);
  const parts: string[] = [];
  if (chord.mod) parts.push(isMac ? '⌘' : 'Ctrl');
  if (chord.alt) parts.push(isMac ? '⌥' : 'Alt');
  if (chord.shift) parts.push(isMac ? '⇧' : 'Shift');
  const key =
    NAMED_KEYS.has(chord.key) || chord.key.length > 1
      ? capitalise(chord.key)
      : chord.key.toUpperCase();
  parts.push(key);
  return parts.join(isMac ? '' : '+');
}

function capitalise(key: string): string {
  if (/^f\d+$/.test(key)) return key.toUpperCase();
  if (key.startsWith('arrow')) return `${key.slice(5, 6).toUpperCase()}${key.slice(6)} arrow`;
  return `${key.charAt(0).toUpperCase()}${key.slice(1)}`;
}

/** Whether typing in this element should keep plain keys (letters, `?`) away from shortcuts. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (typeof HTMLElement === 'undefined' || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) {
    return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(
      target.type,
    );
  }
  return false;
}

export function isMacPlatform(): boolean {
  return typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform);
}
