import { useMemo, useRef, useState } from 'react';
import { Link, Route, Switch, useLocation, useParams } from 'wouter';
import { useRegisterCommands } from '../../app/commands/registry';
import { AdoptFrameworkDialog } from './AdoptFrameworkDialog';
import { ControlDetail } from './ControlDetail';
import { ControlPicker } from './ControlPicker';
import { FrameworkBrowser } from './FrameworkBrowser';
import { ImportCatalogDialog } from './ImportCatalogDialog';
import { controlPath } from './paths';
import { SoaPage } from './SoaPage';
import './controls.css';
import { offered } from '../../app/commands/offered';

/** The Controls area: search, browse by framework and family, control details and scoping. */
export function ControlsPage() {
  const [, navigate] = useLocation();
  const [importing, setImporting] = useState(false);
  const [adopting, setAdopting] = useState(false);
  const searchRef = useRef<HTMLDivElement>(null);
  const commands = useMemo(
    () => [
      {
        ...offered('controls.search'),
        run: () => searchRef.current?.querySelector('input')?.focus(),
      },
      { ...offered('controls.adopt'), run: () => setAdopting(true) },
      { ...offered('controls.import'), run: () => setImporting(true) },
      { ...offered('controls.soa'), run: () => navigate('/soa') },
    ],
    [navigate],
  );
  useRegisterCommands(commands);
  return (
    <div className="page controls-page">
      <header className="page-header page-header-row">
        <div>
          <h1>Controls</h1>
          <p className="lead">
            Every control framework, searchable in one place, and this workspace’s scope.
          </p>
        </div>
        <div className="row-actions">
          <button type="button" className="button primary" onClick={() => setAdopting(true)}>
            Adopt a framework
          </button>
          <Link href="/soa" className="button">
            Statement of Applicability
          </Link>
          <button type="button" className="button" onClick={() => setImporting(true)}>
            Import catalog
          </button>
        </div>
      </header>
      <div ref={searchRef} className="controls-search" role="search" aria-keyshortcuts="/">
        <ControlPicker
          label="Search all controls"
          clearOnPick
          onPick={(ref) => navigate(`~${controlPath(ref)}`)}
        />
      </div>
      <Switch>
        <Route path="/control/:catalogId/:controlId">
          <ControlRoute />
        </Route>
        <Route path="/soa">
          <SoaPage />
        </Route>
        <Route path="/browse/:catalogId/:groupId?">
          <BrowseRoute />
        </Route>
        <Route>
          <FrameworkBrowser catalogId={undefined} groupId={undefined} />
        </Route>
      </Switch>
      <ImportCatalogDialog open={importing} onClose={() => setImporting(false)} />
      <AdoptFrameworkDialog open={adopting} onClose={() => setAdopting(false)} />
    </div>
  );
}

function ControlRoute() {
  const params = useParams<{ catalogId: string; controlId: string }>();
  return (
    <ControlDetail
      reference={`${decodeURIComponent(params.catalogId)}#${decodeURIComponent(params.controlId)}`}
    />
  );
}

function BrowseRoute() {
  const params = useParams<{ catalogId: string; groupId?: string }>();
  return (
    <FrameworkBrowser
      catalogId={decodeURIComponent(params.catalogId)}
      groupId={params.groupId === undefined ? undefined : decodeURIComponent(params.groupId)}
    />
  );
}
