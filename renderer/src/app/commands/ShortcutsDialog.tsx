import { Dialog } from '../../components/Dialog';
import { useCommands } from './registry';
import { formatShortcut, isMacPlatform } from './shortcuts';

/** Every shortcut of the app (app-wide and those of each page), grouped by section. */
export function ShortcutsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const commands = useCommands().filter((command) => command.shortcut !== undefined);
  const isMac = isMacPlatform();
  const sections = [...new Set(commands.map((command) => command.section))].sort();
  return (
    <Dialog open={open} title="Keyboard shortcuts" onClose={onClose} wide>
      <div className="shortcut-sections">
        {sections.map((section) => (
          <section key={section}>
            <h3>{section}</h3>
            <dl className="shortcut-list">
              {commands
                .filter((command) => command.section === section)
                .map((command) => (
                  <div key={command.id}>
                    <dt>
                      <kbd>{formatShortcut(command.shortcut ?? '', isMac)}</kbd>
                    </dt>
                    <dd>
                      {command.title}
                      {command.shortcutWhere ? (
                        <span className="muted"> ({command.shortcutWhere})</span>
                      ) : null}
                    </dd>
                  </div>
                ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
