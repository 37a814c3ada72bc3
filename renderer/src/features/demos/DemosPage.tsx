import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, Route, Switch, useLocation } from 'wouter';
import type { Demo, Workspace } from '../../../../core/model';
import { needing, useRegisterCommands } from '../../app/commands/registry';
import { notify } from '../../app/notifications';
import { currentActor } from '../../db';
import { formatDate, formatDayOf, formatNumber } from '../../lib/format';
import { VirtualTable } from '../../components/VirtualTable';
import { useCurrentWorkspace, useSprintCount, useSprints } from '../workspaces/queries';
import { CoveragePage } from './CoveragePage';
import { editState } from '../../../../core/demo/rounds';
import { NewDemoDialog } from './NewDemoDialog';
import { PreparePage } from './PreparePage';
import { PresenterMode } from './presenter/PresenterMode';
import { useDemoFacts, useDemoPages } from './queries';
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
  const demos = useDemoPages(workspace.id);
  const sprintCount = useSprintCount(workspace.id);
  const [creating, setCreating] = useState(false);
  const [onScreen, setOnScreen] = useState<readonly Demo[]>([]);
  const facts = useDemoFacts(onScreen);
  const showRows = useCallback((rows: readonly Demo[]) => setOnScreen(rows), []);
  const [, navigate] = useLocation();
  // Offered from the first render, so an Alt+N pressed while the sprints are still being counted
  // is not lost: the form opens once they are, or the person is told a sprint is needed.
  const sprintsKnown = sprintCount.data === undefined ? null : sprintCount.data > 0;
  const commands = useMemo(
    () => [
      sprintsKnown === false
        ? needing(offered('demo.new'), NO_SPRINT)
        : { ...offered('demo.new'), run: () => setCreating(true) },
      { ...offered('demo.coverage'), run: () => navigate('/coverage') },
    ],
    [navigate, sprintsKnown],
  );
  // Asked for before the count arrived, and there is no sprint: say so once.
  const told = useRef(false);
  useEffect(() => {
    if (!creating || sprintsKnown !== false || told.current) return;
    told.current = true;
    notify('info', NO_SPRINT);
  }, [creating, sprintsKnown]);
  useRegisterCommands(commands);
  const noSprints = sprintCount.data === 0;
  const rows = demos.data?.rows ?? [];
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
            disabled={noSprints}
            aria-keyshortcuts="Alt+N"
          >
            New demo <Shortcut keys="Alt+N" />
          </button>
        </div>
      </header>
      {noSprints ? (
        <p className="panel empty">
          A demo belongs to a sprint. <Link href="~/">Create a sprint</Link> first.
        </p>
      ) : null}
      <FormError message={demos.error?.message ?? sprintCount.error?.message} />
      {demos.data && rows.length === 0 && sprintCount.data !== undefined && !noSprints ? (
        <p className="panel empty">No demos yet. Press Alt+N to prepare the first one.</p>
      ) : null}
      {demos.data && rows.length > 0 ? (
        <section className="panel" aria-label="Demo list">
          <p className="muted" role="status">
            {formatNumber(demos.data.total)} {demos.data.total === 1 ? 'demo' : 'demos'}, most
            recent first
          </p>
          <VirtualTable
            label="Demos"
            rows={rows}
            totalRows={demos.data.total}
            rowKey={(demo) => demo.id}
            columns={5}
            onNearEnd={demos.loadMore}
            onVisibleChange={showRows}
            head={
              <tr>
                <th scope="col">Demo</th>
                <th scope="col">Sprint</th>
                <th scope="col">Date</th>
                <th scope="col">Items</th>
                <th scope="col">Status</th>
              </tr>
            }
            cells={(demo) => (
              <>
                <th scope="row">
                  <Link href={`/${demo.id}`}>{demo.title}</Link>
                </th>
                <td>{facts.data ? (facts.data.sprints.get(demo.sprintId)?.name ?? '—') : '…'}</td>
                <td className="nowrap">{formatDate(demo.date)}</td>
                <td>{facts.data?.itemCounts.get(demo.id) ?? '…'}</td>
                <td>{demoStatus(demo)}</td>
              </>
            )}
          />
        </section>
      ) : null}
      {creating && sprintsKnown === true ? (
        <NewDemo
          workspaceId={workspace.id}
          onClose={() => setCreating(false)}
          onCreated={(demo) => {
            setCreating(false);
            navigate(`/${demo.id}`);
          }}
        />
      ) : null}
    </div>
  );
}

/** The new-demo dialog, with the sprints to choose from read only while it is open. */
function NewDemo({
  workspaceId,
  onClose,
  onCreated,
}: {
  workspaceId: string;
  onClose: () => void;
  onCreated: (demo: Demo) => void;
}) {
  const sprints = useSprints(workspaceId);
  return (
    <NewDemoDialog
      open
      onClose={onClose}
      workspaceId={workspaceId}
      sprints={sprints.data ?? []}
      facilitator={currentActor() === 'unknown' ? '' : currentActor()}
      onCreated={onCreated}
    />
  );
}
