import { useLayoutEffect, useSyncExternalStore } from 'react';
import type { Chord, KeyLike } from './shortcuts';
import { isTextEntry, matches, parseShortcut } from './shortcuts';

/**
 * The one place commands live: the command palette, keyboard shortcuts, the native menu and
 * presenter mode all run commands by id from here. Components register the commands that make
 * sense while they are on screen and unregister them when they leave.
 */
export interface Command {
  id: string;
  title: string;
  /** Groups commands in the palette and the shortcut list. */
  section: string;
  shortcut?: string;
  /** Run even while typing in a text field (for chords with Mod, Alt or function keys). */
  allowInTextEntry?: boolean;
  /** Hidden from the palette (e.g. the palette's own command). */
  hidden?: boolean;
  run: () => void;
}

interface Registered extends Command {
  chord: Chord | null;
  token: symbol;
}

export class CommandRegistry {
  private readonly commands = new Map<string, Registered[]>();
  private readonly listeners = new Set<() => void>();
  private snapshot: readonly Command[] = [];

  /** Adds commands; returns a function that removes exactly these registrations. */
  register(commands: readonly Command[]): () => void {
    const token = Symbol('registration');
    for (const command of commands) {
      const chord = command.shortcut === undefined ? null : parseShortcut(command.shortcut);
      const stack = this.commands.get(command.id) ?? [];
      stack.push({ ...command, chord, token });
      this.commands.set(command.id, stack);
    }
    this.changed();
    return () => {
      for (const command of commands) {
        const stack = (this.commands.get(command.id) ?? []).filter(
          (entry) => entry.token !== token,
        );
        if (stack.length === 0) this.commands.delete(command.id);
        else this.commands.set(command.id, stack);
      }
      this.changed();
    };
  }

  /** The most recent registration of each id wins, so a page can refine a global command. */
  list(): readonly Command[] {
    return this.snapshot;
  }

  run(id: string): boolean {
    const command = this.commands.get(id)?.at(-1);
    if (command === undefined) return false;
    command.run();
    return true;
  }

  /** Runs the command bound to this key press, if any; returns whether one ran. */
  handleKey(event: KeyLike & { target: EventTarget | null }, isMac: boolean): boolean {
    const typing = isTextEntry(event.target);
    for (const stack of [...this.commands.values()].reverse()) {
      const command = stack.at(-1);
      if (!command?.chord || !matches(command.chord, event, isMac)) continue;
      const plainKey =
        !command.chord.mod &&
        !command.chord.alt &&
        !/^f\d+$/.test(command.chord.key) &&
        command.chord.key !== 'escape';
      if (typing && plainKey && !command.allowInTextEntry) continue;
      command.run();
      return true;
    }
    return false;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private changed(): void {
    this.snapshot = [...this.commands.values()]
      .map((stack) => stack.at(-1))
      .filter((command): command is Registered => command !== undefined)
      .map(({ chord: _chord, token: _token, ...command }) => command);
    for (const listener of this.listeners) listener();
  }
}

export const commandRegistry = new CommandRegistry();

export function useCommands(): readonly Command[] {
  return useSyncExternalStore(commandRegistry.subscribe, () => commandRegistry.list());
}

/**
 * Registers `commands` while the calling component is mounted. A layout effect, so a command is
 * registered before the screen that offers it is painted: a key pressed at first sight works.
 */
export function useRegisterCommands(commands: readonly Command[]): void {
  useLayoutEffect(() => commandRegistry.register(commands), [commands]);
}
