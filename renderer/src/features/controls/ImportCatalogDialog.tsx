import { useState } from 'react';
import { importCsvCatalog } from '../../../../core/catalog/csv';
import type { ImportIssue } from '../../../../core/catalog/issues';
import { formatIssue } from '../../../../core/catalog/issues';
import { countCatalog } from '../../../../core/catalog/model';
import { importOscalCatalog, suggestCatalogId } from '../../../../core/oscal/catalog-import';
import { notify } from '../../app/notifications';
import { Dialog } from '../../components/Dialog';
import { TextField } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { importCatalog } from './commands';
import { FormError } from '../../components/FormFooter';
import { counted } from '../../lib/format';

interface Chosen {
  name: string;
  text: string;
  kind: 'oscal' | 'csv';
}

/** Import an OSCAL catalog (JSON) or a CSV catalog; a file with any error imports nothing. */
export function ImportCatalogDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const [catalogId, setCatalogId] = useState('');
  const [title, setTitle] = useState('');
  const [version, setVersion] = useState('');
  const [issues, setIssues] = useState<ImportIssue[]>([]);
  const { busy, formError, submit } = useSubmit();
  const close = (): void => {
    setChosen(null);
    setIssues([]);
    onClose();
  };
  const choose = async (file: File | undefined): Promise<void> => {
    setIssues([]);
    if (!file) return setChosen(null);
    const text = await file.text();
    const kind = file.name.toLowerCase().endsWith('.csv') ? 'csv' : 'oscal';
    const stem = file.name.replace(/\.[^.]+$/, '');
    setChosen({ name: file.name, text, kind });
    setCatalogId(suggestCatalogId(stem));
    setTitle(stem);
    setVersion('1');
  };
  const run = (): Promise<void> =>
    submit(async () => {
      if (!chosen) throw new Error('Choose a file to import.');
      const result =
        chosen.kind === 'csv'
          ? importCsvCatalog(chosen.text, { catalogId, title, version, fileName: chosen.name })
          : importOscalCatalog(chosen.text, {
              fileName: chosen.name,
              ...(catalogId.trim() === '' ? {} : { catalogId: catalogId.trim() }),
            });
      if (!result.ok) {
        setIssues(result.errors);
        throw new Error(
          `${chosen.name} was not imported: ${counted(result.errors.length, 'problem')} found.`,
        );
      }
      const outcome = await importCatalog(result.value);
      const counts = countCatalog(result.value);
      notify(
        'success',
        outcome === 'unchanged'
          ? `${result.value.title} ${result.value.version} is already stored.`
          : `Imported ${result.value.title} ${result.value.version}: ${counted(counts.controls, 'control')}, ${counted(counts.enhancements, 'enhancement')}.`,
      );
      close();
    }).then(() => undefined);
  return (
    <Dialog open={open} title="Import a control catalog" onClose={close} wide>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void run();
        }}
      >
        <p className="muted">
          An OSCAL catalog in JSON (resolved profile catalogs too), checked against the official
          OSCAL schema, or a CSV file with the columns id, title, statement, group, parent, mappings
          and guidance.
        </p>
        <div className="field">
          <label htmlFor="catalog-file">Catalog file</label>
          <input
            id="catalog-file"
            type="file"
            accept=".json,.csv,application/json,text/csv"
            onChange={(event) => void choose(event.target.files?.[0])}
          />
        </div>
        {chosen ? (
          <div className="form-grid">
            <TextField
              label="Catalog id"
              value={catalogId}
              onChange={(event) => setCatalogId(event.target.value)}
              hint={
                chosen.kind === 'oscal'
                  ? 'Leave empty to derive it from the catalog title.'
                  : 'Lowercase letters, digits and dashes.'
              }
            />
            {chosen.kind === 'csv' ? (
              <>
                <TextField
                  label="Catalog title"
                  value={title}
                  onChange={(event) => setTitle(event.target.value)}
                />
                <TextField
                  label="Version"
                  value={version}
                  onChange={(event) => setVersion(event.target.value)}
                />
              </>
            ) : null}
          </div>
        ) : null}
        <FormError message={formError} />
        {issues.length > 0 ? (
          <ul className="issue-list" aria-label="Problems in the file">
            {issues.map((issue, index) => (
              <li key={index}>{formatIssue(issue)}</li>
            ))}
          </ul>
        ) : null}
        <div className="dialog-actions">
          <button type="button" className="button" onClick={close}>
            Cancel
          </button>
          <button type="submit" className="button primary" disabled={busy || !chosen}>
            Import
          </button>
        </div>
      </form>
    </Dialog>
  );
}
