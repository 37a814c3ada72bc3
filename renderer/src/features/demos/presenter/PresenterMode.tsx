import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useLocation } from 'wouter';
import type { DemoRecord } from '../../../../../core/demo/digest';
import { isFailed } from '../../../../../core/demo/verdicts';
import type { ControlRef, NoteKind, VerdictKind } from '../../../../../core/model';
import { useRegisterCommands } from '../../../app/commands/registry';
import { ConfirmDialog } from '../../../components/ConfirmDialog';
import { notify, notifyError, useNotificationHost } from '../../../app/notifications';
import { todayIso } from '../../../lib/format';
import { startDemo } from '../commands';
import { useControlTitles } from '../ControlLabel';
import { DraftStoreContext, draftKeys, useDraft, useDraftStore } from '../drafts';
import { editState } from '../../../../../core/demo/rounds';
import { useDemoRecord } from '../queries';
import { useDemoSlots } from '../slots';
import { AttachJobs } from './AttachJobs';
import { useAttachJobs } from './attach-jobs';
import { Composer } from './Composer';
import { ControlsPanel } from './ControlsPanel';
import type { OpenDialog } from './ItemDialogs';
import { ItemDialogs } from './ItemDialogs';
import { ItemView, PresenterHeader, ShortcutBar } from './PresenterParts';
import { AttendanceDialog } from './SmallDialogs';
import { useFocusReturn } from './useFocusReturn';
import { Timeline } from './Timeline';
import type { PresenterActions } from './usePresenterCommands';
import { usePresenterCommands } from './usePresenterCommands';
import { useEvidenceDrop } from './useEvidenceDrop';
import { useJudge } from './useJudge';

export function PresenterMode({ demoId }: { demoId: string }) {
  const record = useDemoRecord(demoId);
  if (record.isLoading && record.data === undefined) return <p className="muted page">Loading…</p>;
  if (record.error) throw record.error;
  if (!record.data) {
    return (
      <div className="page">
        <h1>Demo not found</h1>
        <Link href="/">Back to the demos</Link>
      </div>
    );
  }
  return <PresenterWithDrafts record={record.data} />;
}

/** Presenter mode starts once the demo's drafts are in memory (see drafts.ts). */
function PresenterWithDrafts({ record }: { record: DemoRecord }) {
  const store = useDraftStore({ demoId: record.demo.id, workspaceId: record.demo.workspaceId });
  if (store === null) return <p className="muted page">Loading…</p>;
  return (
    <DraftStoreContext.Provider value={store}>
      <Presenter record={record} />
    </DraftStoreContext.Provider>
  );
}

function isPosition(value: unknown): value is number {
  return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}

/**
 * The live meeting: one agenda item at a time, large, with every action on a key. The position
 * and everything typed are drafts saved as they change, so a reload returns to the same place.
 */
function Presenter({ record }: { record: DemoRecord }) {
  const { demo, items } = record;
  const [, navigate] = useLocation();
  const editable = editState(demo).editable;
  const { value: storedPosition, set: setPosition } = useDraft(
    draftKeys.position(demo.id),
    0,
    isPosition,
  );
  const index = Math.min(storedPosition, Math.max(0, items.length - 1));
  const item = items[index];
  const [selection, setSelection] = useState({ itemId: '', index: 0 });
  const selected = item && selection.itemId === item.id ? selection.index : 0;
  const control = item?.controls[Math.min(selected, item.controls.length - 1)] ?? null;
  const itemVerdicts = record.verdicts.filter((verdict) => verdict.itemId === item?.id);
  const [composerKind, setComposerKind] = useState<NoteKind>('observation');
  const [dialog, setDialog] = useState<OpenDialog>('none');
  const composerRef = useRef<HTMLTextAreaElement>(null);
  const fileInputRef = useRef<HTMLInputElement>(null);
  const rootRef = useRef<HTMLDivElement>(null);
  const returnFocus = useFocusReturn(rootRef, fileInputRef);
  const titles = useControlTitles(item?.controls ?? []);
  const target = item
    ? {
        workspaceId: demo.workspaceId,
        sprintId: demo.sprintId,
        demoId: demo.id,
        itemId: item.id,
        controls: item.controls,
      }
    : null;
  const slots = useDemoSlots();
  const evidence = useEvidenceDrop(target, item ? item.key || item.title : '', editable);
  const attachJobs = useAttachJobs(demo.id);
  const failedVerdict = (ref: ControlRef | null) => {
    const verdict = itemVerdicts.find((candidate) => candidate.control === ref);
    return verdict && isFailed(verdict, todayIso()) ? verdict : null;
  };
  const [issueControl, setIssueControl] = useState<ControlRef | null>(null);
  const [linkedFile, setLinkedFile] = useState<string | null>(null);
  const itemId = item?.id;
  const judge = useJudge(itemId, itemVerdicts, slots.evidence);
  const openIssue = useCallback((ref: ControlRef | null): void => {
    setIssueControl(ref);
    setDialog('issue');
  }, []);

  useEffect(() => {
    if (editable) startDemo(demo.id).catch((error: unknown) => notifyError(error));
  }, [demo.id, editable]);
  useEffect(() => rootRef.current?.focus(), []);
  useEffect(() => (editable ? slots.evidence.holdReady() : undefined), [editable, slots.evidence]);

  const actions = useMemo<PresenterActions>(() => {
    const needControl = (): boolean => {
      if (control !== null) return true;
      notify('info', 'No control selected. Press L to link a control to this item.');
      return false;
    };
    const goTo = (next: number): void => {
      if (next < 0 || next >= items.length) return;
      setPosition(next);
    };
    return {
      editable,
      next: () => goTo(index + 1),
      previous: () => goTo(index - 1),
      selectControl: (delta) => {
        if (!item || item.controls.length === 0) return;
        const count = item.controls.length;
        setSelection({ itemId: item.id, index: (selected + delta + count) % count });
      },
      verdict: (verdict: VerdictKind) => {
        if (!item || !needControl() || control === null) return;
        if (verdict === 'exception') {
          setDialog('exception');
          return;
        }
        judge(control, verdict);
      },
      compose: (kind) => {
        // Focus at once, in the key's own event: a fast typist's next keys must land in the box.
        setComposerKind(kind);
        composerRef.current?.focus();
      },
      raiseIssue: () => {
        if (item) openIssue(control);
      },
      attachEvidence: () => fileInputRef.current?.click(),
      linkControl: () => {
        if (item) setDialog('link');
      },
      evidenceControls: () => {
        if (!item) return;
        setLinkedFile(null);
        setDialog('evidence-controls');
      },
      attendance: () => setDialog('attendance'),
      review: () => navigate(`/${demo.id}/review`),
      // Esc is easy to press by mistake in front of the room: leaving asks once.
      exit: () => setDialog('leave'),
    };
  }, [
    control,
    demo.id,
    editable,
    index,
    item,
    items.length,
    judge,
    navigate,
    openIssue,
    selected,
    setPosition,
  ]);
  const commands = usePresenterCommands(actions);
  useRegisterCommands(commands);

  const noticeHost = useNotificationHost();
  const close = (): void => {
    setDialog('none');
    returnFocus();
  };
  return (
    <div
      ref={rootRef}
      className={evidence.dragging ? 'presenter dragging' : 'presenter'}
      role="region"
      aria-label="Presenter mode"
      tabIndex={-1}
      {...evidence.zoneProps}
    >
      <PresenterHeader
        record={record}
        index={index}
        editable={editable}
        onGo={setPosition}
        onAttendance={() => setDialog('attendance')}
      />
      {!editable ? (
        <p className="presenter-locked" role="status">
          Signed off: this record is read-only. Open an amendment on the review page to change it.
        </p>
      ) : null}
      {item ? (
        <div className="presenter-body">
          <div className="presenter-main">
            <ItemView item={item} index={index} count={items.length} />
            <ControlsPanel
              controls={item.controls}
              verdicts={itemVerdicts}
              titles={titles}
              selected={selected}
              editable={editable}
              onSelect={(next) => setSelection({ itemId: item.id, index: next })}
              onVerdict={(ref, verdict) => {
                if (verdict === 'exception') {
                  setSelection({ itemId: item.id, index: item.controls.indexOf(ref) });
                  setDialog('exception');
                } else judge(ref, verdict);
              }}
              raisedFor={record.issues
                .filter((issue) => issue.itemId === item.id && issue.control !== null)
                .map((issue) => issue.control ?? '')}
              onRaiseIssue={(ref) => {
                setSelection({ itemId: item.id, index: item.controls.indexOf(ref) });
                openIssue(ref);
              }}
            />
          </div>
          <aside className="presenter-side" aria-label="Record of this item">
            <Timeline
              record={record}
              itemId={item.id}
              editable={editable}
              onChangeControls={(evidenceId) => {
                setLinkedFile(evidenceId);
                setDialog('evidence-controls');
              }}
            />
            <AttachJobs jobs={attachJobs} itemId={item.id} />
            {editable ? (
              <Composer
                demoId={demo.id}
                itemId={item.id}
                kind={composerKind}
                inputRef={composerRef}
              />
            ) : null}
          </aside>
        </div>
      ) : (
        <div className="presenter-empty">
          <h1>The agenda is empty</h1>
          <p>Press Escape to go back and add items.</p>
        </div>
      )}
      <ShortcutBar commands={commands} />
      {/* After everything else, so a notice's Dismiss is never first in the Tab order. */}
      <div className="presenter-notices" ref={noticeHost} />
      <input
        ref={fileInputRef}
        type="file"
        multiple
        className="visually-hidden"
        tabIndex={-1}
        aria-label="Attach evidence"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          evidence.attachFiles(files);
          returnFocus();
        }}
      />
      {evidence.dragging && item ? (
        <div className="drop-overlay" aria-hidden="true">
          Drop to attach to {item.key || item.title}
        </div>
      ) : null}
      {item ? (
        <ItemDialogs
          open={dialog}
          onClose={close}
          record={record}
          item={item}
          control={control}
          issue={{ control: issueControl, verdict: failedVerdict(issueControl) }}
          linkedFile={linkedFile}
        />
      ) : null}
      <AttendanceDialog open={dialog === 'attendance'} onClose={close} demo={demo} />
      <ConfirmDialog
        open={dialog === 'leave'}
        title="Leave presenter mode?"
        message="Everything recorded and typed is kept; you can come back to this item."
        confirmLabel="Leave presenter mode"
        harmless
        onConfirm={() => Promise.resolve(navigate(`/${demo.id}`))}
        onClose={close}
      />
    </div>
  );
}
