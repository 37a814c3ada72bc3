import { useState } from 'react';
import type { SlaPolicy } from '../../../../core/model';
import type { ImportResult } from '../../../../core/tracker/imported';
import { describeError, notify } from '../../app/notifications';
import { Dialog } from '../../components/Dialog';
import { FormError, FormFooter } from '../../components/FormFooter';
import { useSubmit } from '../../components/useSubmit';
import { counted } from '../../lib/format';
import type { TrackerFile } from './tracker';
import { importTrackerIssues, readTrackerFile } from './tracker';

const MAX_FILE_BYTES = 32 * 1024 * 1024;

async function readFile(input: HTMLInputElement): Promise<TrackerFile | null> {
  const file = input.files?.[0];
  if (!file) return null;
  if (file.size > MAX_FILE_BYTES) throw new Error(`${file.name} is larger than 32 MiB.`);
  return { name: file.name, text: await file.text() };
}

/** Import from Jira: REST JSON (optionally with the field list) or CSV; preview, then store. */
export function TrackerImportDialog({
  open,
  workspaceId,
  policy,
  onClose,
}: {
  open: boolean;
  workspaceId: string;
  policy: SlaPolicy;
  onClose: () => void;
}) {
  const [issuesFile, setIssuesFile] = useState<TrackerFile | null>(null);
  const [fieldsFile, setFieldsFile] = useState<TrackerFile | null>(null);
  const [preview, setPreview] = useState<ImportResult | null>(null);
  const [readError, setReadError] = useState<string | null>(null);
  const { busy, formError, submit } = useSubmit();
  const close = () => {
    setIssuesFile(null);
    setFieldsFile(null);
    setPreview(null);
    setReadError(null);
    onClose();
  };
  const read = (issues: TrackerFile | null, fields: TrackerFile | null) => {
    setPreview(null);
    setReadError(null);
    if (issues === null) return;
    try {
      setPreview(readTrackerFile(issues, policy.timeZone, fields?.text));
    } catch (error) {
      setReadError(describeError(error));
    }
  };
  const choose = (which: 'issues' | 'fields') => (input: HTMLInputElement) => {
    readFile(input).then(
      (file) => {
        const issues = which === 'issues' ? file : issuesFile;
        const fields = which === 'fields' ? file : fieldsFile;
        setIssuesFile(issues);
        setFieldsFile(fields);
        read(issues, fields);
      },
      (error: unknown) => setReadError(describeError(error)),
    );
  };
  return (
    <Dialog open={open} title="Import issues from Jira" onClose={close} wide>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (!preview || preview.issues.length === 0) return;
          void submit(async () => {
            const counts = await importTrackerIssues(workspaceId, preview.issues);
            notify(
              'success',
              `Imported from Jira: ${counts.created} new, ${counts.updated} updated, ${counts.unchanged} unchanged.`,
            );
          }).then((done) => {
            if (done) close();
          });
        }}
      >
        <p className="muted">
          Jira REST JSON (a search result or sprint issues) or CSV (Jira&apos;s export, or this
          app&apos;s). Dates without a time zone are read as {policy.timeZone} time. Issues already
          imported are updated, not duplicated.
        </p>
        <div className="field">
          <label htmlFor="tracker-file">Jira export (JSON or CSV)</label>
          <input
            id="tracker-file"
            type="file"
            accept=".json,.csv,application/json,text/csv"
            onChange={(event) => choose('issues')(event.currentTarget)}
          />
        </div>
        <div className="field">
          <label htmlFor="tracker-fields">Field list (optional, JSON from /rest/api/2/field)</label>
          <input
            id="tracker-fields"
            type="file"
            accept=".json,application/json"
            onChange={(event) => choose('fields')(event.currentTarget)}
          />
          <p className="field-hint">Lets custom fields named Severity and Controls be read.</p>
        </div>
        <FormError message={readError} />
        {preview ? (
          <div role="status" className="import-preview">
            <p>
              <strong>{preview.issues.length}</strong> issue{preview.issues.length === 1 ? '' : 's'}{' '}
              ready to import
              {preview.problems.length > 0 ? `, ${preview.problems.length} skipped` : ''}.
            </p>
            {preview.problems.length > 0 ? (
              <ul className="plain-list" aria-label="Skipped">
                {preview.problems.slice(0, 20).map((problem) => (
                  <li key={problem.where}>
                    <code>{problem.where}</code>: {problem.message}
                  </li>
                ))}
              </ul>
            ) : null}
          </div>
        ) : null}
        <FormFooter
          error={formError}
          onCancel={close}
          disabled={busy || !preview || preview.issues.length === 0}
        >
          {preview ? `Import ${counted(preview.issues.length, 'issue')}` : 'Import issues'}
        </FormFooter>
      </form>
    </Dialog>
  );
}
