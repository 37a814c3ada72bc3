import { useState } from 'react';
import type { ParsedAgenda } from '../../../../core/demo/agenda-import';
import {
  MAX_AGENDA_FILE_BYTES,
  parseAgendaFile,
  parsePastedAgenda,
} from '../../../../core/demo/agenda-import';
import { Dialog } from '../../components/Dialog';
import { FormFooter } from '../../components/FormFooter';
import { TextAreaField } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { describeError, notify } from '../../app/notifications';
import { formatBytes } from '../../lib/format';
import { importAgendaItems } from './commands';

interface Props {
  open: boolean;
  mode: 'paste' | 'file';
  onClose: () => void;
  demoId: string;
}

export function ImportDialog(props: Props) {
  return (
    <Dialog
      open={props.open}
      title={props.mode === 'paste' ? 'Paste a list of items' : 'Import from Jira or CSV'}
      onClose={props.onClose}
      wide
    >
      <ImportForm {...props} />
    </Dialog>
  );
}

function ImportForm({ mode, onClose, demoId }: Props) {
  const [text, setText] = useState('');
  const [fromFile, setFromFile] = useState<{ name: string; parsed: ParsedAgenda } | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const { busy, formError, submit } = useSubmit();
  const parsed = mode === 'paste' ? parsePastedAgenda(text) : (fromFile?.parsed ?? null);

  const readFile = async (file: File): Promise<void> => {
    setFromFile(null);
    setFileError(null);
    if (file.size > MAX_AGENDA_FILE_BYTES) {
      setFileError(
        `${file.name} is ${formatBytes(file.size)}; agenda files are limited to ${formatBytes(MAX_AGENDA_FILE_BYTES)}.`,
      );
      return;
    }
    try {
      setFromFile({ name: file.name, parsed: parseAgendaFile(file.name, await file.text()) });
    } catch (error) {
      setFileError(`${file.name}: ${describeError(error)}`);
    }
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        if (!parsed || parsed.items.length === 0) return;
        void submit(async () => {
          const count = await importAgendaItems(demoId, parsed.items);
          notify('success', `${count} agenda ${count === 1 ? 'item' : 'items'} added.`);
        }).then((done) => {
          if (done) onClose();
        });
      }}
    >
      {mode === 'paste' ? (
        <TextAreaField
          label="Items, one per line"
          value={text}
          onChange={(event) => setText(event.target.value)}
          rows={7}
          hint="“PAY-142 Card tokenisation”, “PAY-143: Refund limits”, a bulleted list, or cells copied from a spreadsheet (key, title, owner)."
        />
      ) : (
        <div className="field">
          <label htmlFor="agenda-file">Jira JSON or CSV file</label>
          <input
            id="agenda-file"
            type="file"
            accept=".json,.csv,.txt,application/json,text/csv,text/plain"
            onChange={(event) => {
              const file = event.target.files?.[0];
              if (file) void readFile(file);
            }}
          />
          <p className="field-hint">
            A Jira REST search result (issues in a sprint, with or without changelog), Jira’s CSV
            export, or a CSV with Key, Title, Owner, Description, Links and Controls columns.
          </p>
          {fileError ? (
            <p className="field-error" role="alert">
              {fileError}
            </p>
          ) : null}
        </div>
      )}
      {parsed ? <Preview parsed={parsed} /> : null}
      <FormFooter
        error={formError}
        onCancel={onClose}
        disabled={busy || !parsed || parsed.items.length === 0}
      >
        Add {parsed?.items.length ?? 0} {parsed?.items.length === 1 ? 'item' : 'items'}
      </FormFooter>
    </form>
  );
}

function Preview({ parsed }: { parsed: ParsedAgenda }) {
  return (
    <div className="import-preview">
      {parsed.notes.map((note) => (
        <p key={note} className="notice-inline">
          {note}
        </p>
      ))}
      {parsed.items.length > 0 ? (
        <table className="table compact" aria-label="Items to add">
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Title</th>
              <th scope="col">Owner</th>
              <th scope="col">Controls</th>
            </tr>
          </thead>
          <tbody>
            {parsed.items.slice(0, 50).map((item, index) => (
              <tr key={`${item.key ?? ''}-${index}`}>
                <td className="nowrap">{item.key || '—'}</td>
                <td>{item.title}</td>
                <td>{item.owner || '—'}</td>
                <td>{(item.controls ?? []).length || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {parsed.items.length > 50 ? (
        <p className="muted">…and {parsed.items.length - 50} more.</p>
      ) : null}
      {parsed.problems.length > 0 ? (
        <div role="alert" className="form-error">
          <p>
            {parsed.problems.length} {parsed.problems.length === 1 ? 'problem' : 'problems'}:
          </p>
          <ul className="plain-list">
            {parsed.problems.slice(0, 20).map((problem, index) => (
              <li key={index}>
                {problem.at}: {problem.message}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
