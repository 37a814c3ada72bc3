import { useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { AgendaItem } from '../../../../core/model';
import { useRegisterCommands } from '../../app/commands/registry';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { formatDate } from '../../lib/format';
import { AgendaList } from './AgendaList';
import { AttendeesPanel } from './AttendeesPanel';
import { deleteAgendaItem, deleteDemo, restoreAgendaItem } from './commands';
import { offerUndo } from '../../app/undo';
import { demoStatus } from './DemosPage';
import { DetailsDialog } from './DetailsDialog';
import { ImportDialog } from './ImportDialog';
import { ItemDialog } from './ItemDialog';
import { LockBanner } from './LockBanner';
import { editState } from '../../../../core/demo/rounds';
import { useDemoRecord } from './queries';
import { Shortcut } from './Shortcut';

type Editing =
  | { kind: 'none' }
  | { kind: 'item'; item?: AgendaItem }
  | { kind: 'delete-item'; item: AgendaItem }
  | { kind: 'paste' }
  | { kind: 'file' }
  | { kind: 'details' }
  | { kind: 'delete-demo' };

/** Preparing a demo: details, attendees and the agenda with its controls. */
export function PreparePage({ demoId }: { demoId: string }) {
  const record = useDemoRecord(demoId);
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [, navigate] = useLocation();
  const close = (): void => setEditing({ kind: 'none' });
  const editable = record.data ? editState(record.data.demo).editable : false;
  const commands = useMemo(
    () => [
      {
        id: 'demo.present',
        title: 'Start presenter mode',
        section: 'Demo',
        shortcut: 'Alt+P',
        allowInTextEntry: true,
        run: () => navigate(`/${demoId}/present`),
      },
      {
        id: 'demo.review',
        title: 'Review and sign off',
        section: 'Demo',
        shortcut: 'Alt+R',
        allowInTextEntry: true,
        run: () => navigate(`/${demoId}/review`),
      },
      ...(editable
        ? [
            {
              id: 'agenda.add',
              title: 'Add agenda item',
              section: 'Demo',
              shortcut: 'Alt+A',
              allowInTextEntry: true,
              run: () => setEditing({ kind: 'item' }),
            },
            {
              id: 'agenda.paste',
              title: 'Paste a list of agenda items',
              section: 'Demo',
              shortcut: 'Alt+V',
              allowInTextEntry: true,
              run: () => setEditing({ kind: 'paste' }),
            },
            {
              id: 'agenda.import',
              title: 'Import agenda from Jira or CSV',
              section: 'Demo',
              shortcut: 'Alt+I',
              allowInTextEntry: true,
              run: () => setEditing({ kind: 'file' }),
            },
          ]
        : []),
    ],
    [demoId, editable, navigate],
  );
  useRegisterCommands(commands);

  if (record.isLoading && record.data === undefined) return <p className="muted page">Loading…</p>;
  if (record.error) throw record.error;
  if (!record.data) {
    return (
      <div className="page">
        <h1>Demo not found</h1>
        <p>
          It may have been deleted. <Link href="/">Back to the demos</Link>
        </p>
      </div>
    );
  }
  const { demo } = record.data;
  return (
    <div className="page">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <Link href="/">Demos</Link> / {demo.title}
      </nav>
      <header className="page-header page-header-row">
        <div>
          <h1>{demo.title}</h1>
          <p className="lead">
            {formatDate(demo.date)}
            {demo.facilitator ? ` · facilitated by ${demo.facilitator}` : ''} · {demoStatus(demo)}
          </p>
        </div>
        <div className="row-actions">
          {editable ? (
            <button
              type="button"
              className="button"
              onClick={() => setEditing({ kind: 'details' })}
            >
              Edit details
            </button>
          ) : null}
          <Link href={`/${demo.id}/review`} className="button">
            Review and sign off <Shortcut keys="Alt+R" />
          </Link>
          <Link href={`/${demo.id}/present`} className="button primary">
            Present <Shortcut keys="Alt+P" />
          </Link>
        </div>
      </header>
      <LockBanner demo={demo} />
      <section className="panel" aria-labelledby="agenda-heading">
        <div className="panel-header">
          <h2 id="agenda-heading">Agenda</h2>
          {editable ? (
            <div className="row-actions">
              <button type="button" className="button" onClick={() => setEditing({ kind: 'file' })}>
                Import Jira or CSV <Shortcut keys="Alt+I" />
              </button>
              <button
                type="button"
                className="button"
                onClick={() => setEditing({ kind: 'paste' })}
              >
                Paste list <Shortcut keys="Alt+V" />
              </button>
              <button
                type="button"
                className="button primary"
                onClick={() => setEditing({ kind: 'item' })}
              >
                Add item <Shortcut keys="Alt+A" />
              </button>
            </div>
          ) : null}
        </div>
        <AgendaList
          record={record.data}
          editable={editable}
          onEdit={(item) => setEditing({ kind: 'item', item })}
          onDelete={(item) => setEditing({ kind: 'delete-item', item })}
        />
      </section>
      <AttendeesPanel demo={demo} editable={editable} />
      {editable && demo.signOff === null ? (
        <section className="panel danger-zone" aria-label="Delete demo">
          <button
            type="button"
            className="button danger-quiet"
            onClick={() => setEditing({ kind: 'delete-demo' })}
          >
            Delete this demo
          </button>
        </section>
      ) : null}

      <ItemDialog
        open={editing.kind === 'item'}
        onClose={close}
        demoId={demo.id}
        workspaceId={demo.workspaceId}
        item={editing.kind === 'item' ? editing.item : undefined}
      />
      <ImportDialog open={editing.kind === 'paste'} mode="paste" onClose={close} demoId={demo.id} />
      <ImportDialog open={editing.kind === 'file'} mode="file" onClose={close} demoId={demo.id} />
      <DetailsDialog open={editing.kind === 'details'} onClose={close} demo={demo} />
      <ConfirmDialog
        open={editing.kind === 'delete-item'}
        title="Delete agenda item"
        message={
          editing.kind === 'delete-item'
            ? `Delete “${editing.item.title}” and the notes, verdicts, evidence references and issues recorded on it? The deletion is kept in the audit log.`
            : ''
        }
        confirmLabel="Delete item"
        onConfirm={async () => {
          if (editing.kind !== 'delete-item') return;
          const deleted = await deleteAgendaItem(editing.item.id);
          offerUndo({
            description: `Agenda item “${deleted.item.title}” deleted`,
            undo: () => restoreAgendaItem(deleted),
          });
        }}
        onClose={close}
      />
      <ConfirmDialog
        open={editing.kind === 'delete-demo'}
        title="Delete demo"
        message={`Delete “${demo.title}” and everything recorded in it? The deletion is kept in the audit log.`}
        confirmLabel="Delete demo"
        typeToConfirm={demo.title}
        onConfirm={async () => {
          await deleteDemo(demo.id);
          navigate('/');
        }}
        onClose={close}
      />
    </div>
  );
}
