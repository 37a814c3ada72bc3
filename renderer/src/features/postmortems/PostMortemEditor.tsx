import { useMemo, useRef } from 'react';
import type { PostMortem, SlaPolicy } from '../../../../core/model';
import { useRegisterCommands } from '../../app/commands/registry';
import { notify, notifyError } from '../../app/notifications';
import { ExportStatus } from '../reports/ExportStatus';
import { ActionItemsEditor } from './ActionItemsEditor';
import { EXPORT_FORMATS, exportPostMortem } from './export';
import { usePostMortemPdf } from './usePostMortemPdf';
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
  const pdf = usePostMortemPdf(postMortem);
  const { exportPdf } = pdf;
  const commands = useMemo(() => {
    // Unsaved narrative first, so the file says what the screen shows.
    const saved = async (): Promise<boolean> => !saveRef.current || (await saveRef.current());
    const exportMarkdown = async () => {
      if (!(await saved())) return;
      const path = await exportPostMortem(postMortem.id, 'markdown');
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
          void exportMarkdown().catch((error: unknown) => notifyError(error, 'Export failed')),
      },
      {
        id: 'postmortem.export.pdf',
        title: 'Export post-mortem as a signed PDF',
        section: 'Post-mortems',
        shortcut: 'Mod+Shift+S',
        allowInTextEntry: true,
        run: () =>
          void (async () => {
            if (await saved()) await exportPdf();
          })().catch((error: unknown) => notifyError(error, 'Export failed')),
      },
      {
        id: 'postmortem.back',
        title: 'Back to all post-mortems',
        section: 'Post-mortems',
        // No Escape shortcut here: Escape in a half-written section must not leave the editor.
        run: onBack,
      },
    ];
  }, [postMortem.id, onBack, exportPdf]);
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
          {EXPORT_FORMATS.map((format) => (
            <button
              key={format.id}
              type="button"
              className="button"
              disabled={
                format.kind === 'signed-report' &&
                ['building', 'sending', 'signing'].includes(pdf.exporter.phase.step)
              }
              onClick={() => run(`postmortem.export.${format.id}`)}
              aria-keyshortcuts={format.kind === 'file' ? 'Control+Shift+E' : 'Control+Shift+S'}
            >
              {format.label}
            </button>
          ))}
        </div>
      </header>
      <section aria-label="Signed PDF export" className="postmortem-export">
        <ExportStatus exporter={pdf.exporter} />
      </section>
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
