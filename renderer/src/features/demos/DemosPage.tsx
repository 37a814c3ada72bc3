import { useMemo, useState } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import type { Demo, Workspace } from '../../../../core/model';
import { needing, useRegisterCommands } from '../../app/commands/registry';
import { currentActor } from '../../db';
import { formatDate, formatDayOf } from '../../lib/format';
import { useCurrentWorkspace, useSprints } from '../workspaces/queries';
import { CoveragePage } from './CoveragePage';
import { editState } from '../../../../core/demo/rounds';
import { NewDemoDialog } from './NewDemoDialog';
import { PreparePage } from './PreparePage';
import { PresenterMode } from './presenter/PresenterMode';
import { useDemos } from './queries';
import { ReviewPage } from './ReviewPage';
import { Shortcut } from './Shortcut';
import './demos.css';
import { FormError } from '../../components/FormFooter';
import { offered, useOfferedNeeding } from '../../app/commands/offered';

/** The Demos area: the list, and per demo its preparation, presenter mode and review. */
export function DemosPage() {
  const current = useCurrentWorkspace();
  if (current.isLoading && current.data === undefined)
    return <p className="muted page">Loading…</p>;
  if (current.error) throw current.error;
  const workspace = current.data;
  if (!workspace) return <NoWorkspace />;
  return (
    <Switch>
      <Route path="/coverage">
        <CoveragePage workspace={workspace} />
      </Route>
      <Route path="/:demoId/present">{(params) => <PresenterMode demoId={params.demoId} />}</Route>
      <Route path="/:demoId/review">{(params) => <ReviewPage demoId={params.demoId} />}</Route>
      <Route path="/:demoId">{(params) => <PreparePage demoId={params.demoId} />}</Route>
      <Route>
        <DemoList workspace={workspace} />
      </Route>
    </Switch>
  );
}

function NoWorkspace() {
  useOfferedNeeding(['demo.new'], NO_SPRINT);
  return (
    <div className="page">
      <header className="page-header">
        <h1>Demos</h1>
        <p className="lead">
          Create a workspace and a sprint first (<Link href="~/">Sprints</Link>).
        </p>
      </header>
    </div>
  );
}

const NO_SPRINT = 'A demo belongs to a sprint: create a sprint first (in Sprints, Alt+N).';

export function demoStatus(demo: Demo): string {
  const state = editState(demo);
  if (!state.editable) return `Signed off ${formatDayOf(state.signedAt)}`;
  if (state.amendment !== null) return `Amendment ${state.amendment} open`;
  return demo.startedAt === null ? 'Preparing' : 'Presented, not signed off';
}

function DemoList({ workspace }: { workspace: Workspace }) {
  const demos = useDemos(workspace.id);
  const sprints = useSprints(workspace.id);
  const [creating, setCreating] = useState(false);
  const [, navigate] = useLocation();
  const sprintList = sprints.data ?? [];
  // Offered once the sprints are read: a New demo asked for on the way here waits for them,
  // then opens the form or says a sprint is needed.
  const sprintsKnown = sprints.data === undefined ? null : sprintList.length > 0;
  const commands = useMemo(
    () => [
      ...(sprintsKnown === null
        ? []
        : [
            sprintsKnown
              ? { ...offered('demo.new'), run: () => setCreating(true) }
              : needing(offered('demo.new'), NO_SPRINT),
          ]),
      { ...offered('demo.coverage'), run: () => navigate('/coverage') },
    ],
    [navigate, sprintsKnown],
  );
  useRegisterCommands(commands);
  return (
    <div className="page">
      <header className="page-header page-header-row">
        <div>
          <h1>Demos</h1>
          <p className="lead">
            Prepare each sprint demo, run it in presenter mode, then review and sign off the record.
          </p>
        </div>
        <div className="row-actions">
          <Link href="/coverage" className="button">
            Coverage <Shortcut keys="Alt+C" />
          </Link>
          <button
            type="button"
            className="button primary"
            onClick={() => setCreating(true)}
            disabled={sprintList.length === 0}
            aria-keyshortcuts="Alt+N"
          >
            New demo <Shortcut keys="Alt+N" />
          </button>
        </div>
      </header>
      {sprints.data && sprintList.length === 0 ? (
        <p className="panel empty">
          A demo belongs to a sprint. <Link href="~/">Create a sprint</Link> first.
        </p>
      ) : null}
      <FormError message={demos.error?.message} />
      {demos.data && demos.data.length === 0 && sprintList.length > 0 ? (
        <p className="panel empty">No demos yet. Press Alt+N to prepare the first one.</p>
      ) : null}
      {demos.data && demos.data.length > 0 ? (
        <section className="panel">
          <table className="table" aria-label="Demos">
            <thead>
              <tr>
                <th scope="col">Demo</th>
                <th scope="col">Sprint</th>
                <th scope="col">Date</th>
                <th scope="col">Items</th>
                <th scope="col">Status</th>
              </tr>
            </thead>
            <tbody>
              {demos.data.map(({ demo, sprint, itemCount }) => (
                <tr key={demo.id}>
                  <th scope="row">
                    <Link href={`/${demo.id}`}>{demo.title}</Link>
                  </th>
                  <td>{sprint?.name ?? '—'}</td>
                  <td className="nowrap">{formatDate(demo.date)}</td>
                  <td>{itemCount}</td>
                  <td>{demoStatus(demo)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
      <NewDemoDialog
        open={creating}
        onClose={() => setCreating(false)}
        workspaceId={workspace.id}
        sprints={sprintList}
        facilitator={currentActor() === 'unknown' ? '' : currentActor()}
        onCreated={(demo) => {
          setCreating(false);
          navigate(`/${demo.id}`);
        }}
      />
    </div>
  );
}
