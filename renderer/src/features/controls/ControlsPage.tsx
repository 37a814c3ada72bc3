import { useMemo, useRef, useState } from 'react';
import { Link, Route, Switch, useLocation, useParams } from 'wouter';
import { useRegisterCommands } from '../../app/commands/registry';
import { ControlDetail } from './ControlDetail';
import { ControlPicker } from './ControlPicker';
import { FrameworkBrowser } from './FrameworkBrowser';
import { ImportCatalogDialog } from './ImportCatalogDialog';
import { controlPath } from './paths';
import { SoaPage } from './SoaPage';
import './controls.css';

/** The Controls area: search, browse by framework and family, control details and scoping. */
export function ControlsPage() {
  const [, navigate] = useLocation();
  const [importing, setImporting] = useState(false);
  const searchRef = useRef<HTMLDivElement>(null);
  const commands = useMemo(
    () => [
      {
        id: 'controls.search',
        title: 'Search controls',
        section: 'Controls',
        shortcut: '/',
        run: () => searchRef.current?.querySelector('input')?.focus(),
      },
      {
        id: 'controls.import',
        title: 'Import a control catalog (OSCAL or CSV)',
        section: 'Controls',
        run: () => setImporting(true),
      },
      {
        id: 'controls.soa',
        title: 'Statement of Applicability',
        section: 'Controls',
        run: () => navigate('/soa'),
      },
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
