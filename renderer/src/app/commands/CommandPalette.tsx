import { useMemo, useState } from 'react';
import { Dialog } from '../../components/Dialog';
import type { Command } from './registry';
import { commandRegistry, useCommands } from './registry';
import { formatShortcut, isMacPlatform } from './shortcuts';

/**
 * Ranks commands by how well their title, section and keywords match every typed word. A typed
 * word matches the start of a word (`print` is not found inside `Sprints`).
 */
export function filterCommands(commands: readonly Command[], query: string): Command[] {
  const words = query.toLowerCase().split(/\s+/).filter(Boolean);
  return commands
    .filter((command) => !command.hidden)
    .map((command) => {
      const title = wordsOf(command.title);
      const others = wordsOf(`${command.section} ${command.keywords ?? ''}`);
      const starts = (list: string[], word: string) => list.some((item) => item.startsWith(word));
      if (!words.every((word) => starts(title, word) || starts(others, word))) return null;
      const score = words.reduce(
        (total, word) => total + (title[0]?.startsWith(word) ? 2 : starts(title, word) ? 1 : 0),
        0,
      );
      return { command, score };
    })
    .filter((entry): entry is { command: Command; score: number } => entry !== null)
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.command.section.localeCompare(b.command.section) ||
        a.command.title.localeCompare(b.command.title),
    )
    .map((entry) => entry.command);
}

function wordsOf(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}#]+/u)
    .filter(Boolean);
}

export function CommandPalette({ open, onClose }: { open: boolean; onClose: () => void }) {
  const commands = useCommands();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const results = useMemo(() => filterCommands(commands, query), [commands, query]);
  const isMac = isMacPlatform();
  const close = (): void => {
    setQuery('');
    setActive(0);
    onClose();
  };
  const run = (command: Command | undefined): void => {
    if (!command) return;
    close();
    // Let the dialog close and focus return before the command moves it elsewhere.
    setTimeout(() => commandRegistry.run(command.id), 0);
  };
  const activeIndex = Math.min(active, Math.max(0, results.length - 1));
  return (
    <Dialog open={open} title="Command palette" onClose={close}>
      <input
        className="palette-input"
        type="search"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-results"
        aria-activedescendant={
          results[activeIndex] ? `palette-${results[activeIndex].id}` : undefined
        }
        aria-label="Type a command"
        placeholder="Type a command…"
        value={query}
        autoFocus
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setActive((activeIndex + 1) % Math.max(1, results.length));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((activeIndex - 1 + results.length) % Math.max(1, results.length));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            run(results[activeIndex]);
          }
        }}
      />
      <ul id="palette-results" role="listbox" className="palette-results" aria-label="Commands">
        {results.length === 0 ? <li className="muted">No command matches “{query}”.</li> : null}
        {results.map((command, index) => (
          <li
            key={command.id}
            id={`palette-${command.id}`}
            role="option"
            aria-selected={index === activeIndex}
            className={index === activeIndex ? 'palette-item active' : 'palette-item'}
            onMouseEnter={() => setActive(index)}
            onClick={() => run(command)}
          >
            <span>
              <span className="palette-section">{command.section}</span> {command.title}
            </span>
            {command.shortcut ? <kbd>{formatShortcut(command.shortcut, isMac)}</kbd> : null}
          </li>
        ))}
      </ul>
    </Dialog>
  );
}
