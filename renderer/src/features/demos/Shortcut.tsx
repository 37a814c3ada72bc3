import { formatShortcut, isMacPlatform } from '../../app/commands/shortcuts';

/** Compact names for keys shown beside actions, where space is short (presenter mode). */
const COMPACT: Readonly<Record<string, string>> = {
  Pagedown: 'PgDn',
  Pageup: 'PgUp',
  'Up arrow': '↑',
  'Down arrow': '↓',
  'Left arrow': '←',
  'Right arrow': '→',
  Escape: 'Esc',
};

/** A shortcut as the platform writes it (Ctrl+K, ⌘K), from the registry's notation. */
export function Shortcut({ keys }: { keys: string }) {
  const text = formatShortcut(keys, isMacPlatform());
  return <kbd aria-label={text}>{COMPACT[text] ?? text}</kbd>;
}
