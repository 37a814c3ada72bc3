import { useState } from 'react';
import { notify } from '../../app/notifications';
import { SelectField } from '../../components/Field';
import { useSubmit } from '../../components/useSubmit';
import { adoptFramework } from './commands';
import { useControlLibrary } from './library';
import { FormError } from '../../components/FormFooter';

/** Adds a framework, optionally one of its baselines or levels, to the workspace's scope. */
export function AdoptFrameworkForm({
  workspaceId,
  onAdopted,
}: {
  workspaceId: string;
  onAdopted?: () => void;
}) {
  const { library } = useControlLibrary();
  const catalogs = library?.catalogs ?? [];
  const [catalogId, setCatalogId] = useState('');
  const [profileId, setProfileId] = useState('');
  const { busy, formError, submit } = useSubmit();
  const chosen = library?.catalog(catalogId || catalogs[0]?.id || '');
  return (
    <form
      className="form-grid adopt-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!chosen) return;
        void submit(async () => {
          await adoptFramework(workspaceId, chosen.id, profileId === '' ? null : profileId);
          notify('success', `${chosen.shortTitle ?? chosen.title} is in scope.`);
          onAdopted?.();
        });
      }}
    >
      <SelectField
        label="Framework"
        value={chosen?.id ?? ''}
        onChange={(event) => {
          setCatalogId(event.target.value);
          setProfileId('');
        }}
      >
        {catalogs.map((catalog) => (
          <option key={catalog.id} value={catalog.id}>
            {catalog.shortTitle ?? catalog.title} {catalog.version}
          </option>
        ))}
      </SelectField>
      <SelectField
        label="Baseline or level"
        value={profileId}
        onChange={(event) => setProfileId(event.target.value)}
      >
        <option value="">All controls</option>
        {(chosen?.profiles ?? []).map((profile) => (
          <option key={profile.id} value={profile.id}>
            {profile.title} ({profile.controlIds.length})
          </option>
        ))}
      </SelectField>
      <div className="row-actions">
        <button type="submit" className="button" disabled={busy || !chosen}>
          Add to scope
        </button>
      </div>
      <FormError message={formError} />
    </form>
  );
}
