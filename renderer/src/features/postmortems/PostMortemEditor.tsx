import { useMemo, useRef } from 'react';
import type { PostMortem, SlaPolicy } from '../../../../core/model';
import { useRegisterCommands } from '../../app/commands/registry';
import { notify, notifyError } from '../../app/notifications';
import { ActionItemsEditor } from './ActionItemsEditor';
import { EXPORT_FORMATS, exportPostMortem } from './export';
import { NarrativeForm } from './NarrativeForm';
import { TimelineEditor } from './TimelineEditor';

export function PostMortemEditor({
  postMortem,
  policy,
  onBack,
}: {
  postMortem: PostMortem;
  policy: SlaPolicy;
  onBack: () => void;
}) {
  const saveRef = useRef<(() => Promise<boolean>) | null>(null);
  const commands = useMemo(() => {
    const exportAs = (format: 'markdown' | 'pdf') => async () => {
      // Unsaved narrative first, so the file says what the screen shows.
      if (saveRef.current && !(await saveRef.current())) return;
      const path = await exportPostMortem(postMortem.id, format);
      if (path !== null) notify('success', `Post-mortem saved: ${path}`);
    };
    return [
      {
        id: 'postmortem.export.markdown',
        title: 'Export post-mortem as Markdown',
        section: 'Post-mortems',
        shortcut: 'Mod+Shift+E',
        allowInTextEntry: true,
        run: () =>
          void exportAs('markdown')().catch((error: unknown) =>
            notifyError(error, 'Export failed'),
          ),
      },
      {
        id: 'postmortem.back',
        title: 'Back to all post-mortems',
        section: 'Post-mortems',
        // No Escape shortcut here: Escape in a half-written section must not leave the editor.
        run: onBack,
      },
    ];
  }, [postMortem.id, onBack]);
  useRegisterCommands(commands);
  const run = (id: string) => commands.find((command) => command.id === id)?.run();

  return (
    <article aria-labelledby="postmortem-heading">
      <button type="button" className="button ghost" onClick={onBack}>
        ← All post-mortems
      </button>
      <header className="page-header-row postmortem-header">
        <h2 id="postmortem-heading">Post-mortem: {postMortem.title}</h2>
        <div className="header-actions">
          {EXPORT_FORMATS.map((format) =>
            format.render ? (
              <button
                key={format.id}
                type="button"
                className="button"
                onClick={() => run('postmortem.export.markdown')}
                aria-keyshortcuts="Control+Shift+E"
              >
                {format.label}
              </button>
            ) : (
              <button
                key={format.id}
                type="button"
                className="button"
                disabled
                title="Available when the report pipeline exists"
              >
                {format.label}
              </button>
            ),
          )}
        </div>
      </header>
      <p className="callout" role="note">
        Blameless: look for the conditions that made this possible — tooling, tests, defaults, time
        pressure — not for someone to blame. Phrasing that reads as blame is pointed out under each
        field.
      </p>
      <NarrativeForm key={postMortem.id} postMortem={postMortem} saveRef={saveRef} />
      <TimelineEditor postMortem={postMortem} policy={policy} />
      <ActionItemsEditor postMortem={postMortem} policy={policy} />
    </article>
  );
}
