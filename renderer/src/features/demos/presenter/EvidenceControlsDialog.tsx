import { useState } from 'react';
import type { DemoRecord } from '../../../../../core/demo/digest';
import type { AgendaItem, ControlRef } from '../../../../../core/model';
import { notify } from '../../../app/notifications';
import { Dialog } from '../../../components/Dialog';
import { FormFooter } from '../../../components/FormFooter';
import { useSubmit } from '../../../components/useSubmit';
import { ControlLabel, useControlTitles } from '../ControlLabel';
import { setItemEvidenceControls } from '../record-commands';
import type { EvidenceView } from '../slots';
import { useDemoSlots } from '../slots';

/**
 * Which of the item's controls each of its files speaks for. A drop links a file at once to
 * the controls its format can demonstrate; here (K, or "Change controls" on a file) the
 * presenter changes that by keyboard: Tab between boxes, Space to tick, Enter to save.
 */
export function EvidenceControlsDialog({
  open,
  onClose,
  item,
  record,
  focusEvidenceId,
}: {
  open: boolean;
  onClose: () => void;
  item: AgendaItem;
  record: DemoRecord;
  /** The file whose first box takes the focus (the one whose button was pressed). */
  focusEvidenceId: string | null;
}) {
  const { evidence: store } = useDemoSlots();
  const files = record.evidence.filter((row) => row.itemId === item.id && row.stored);
  const ids = [...new Set(files.map((row) => row.evidenceId))];
  const views = store.useViews(ids);
  const loaded = ids.every((id) => views.has(id));
  return (
    <Dialog open={open} title="Controls the evidence speaks for" onClose={onClose} wide>
      {item.controls.length === 0 ? (
        <p className="empty">This item has no controls yet. Press L to link one.</p>
      ) : ids.length === 0 ? (
        <p className="empty">No stored files on this item yet. Drop one, or press F.</p>
      ) : loaded ? (
        <EvidenceControlsForm
          item={item}
          files={ids.map((id) => ({
            evidenceId: id,
            name: files.find((row) => row.evidenceId === id)?.name ?? id,
            view: views.get(id),
          }))}
          focusEvidenceId={focusEvidenceId ?? ids[0] ?? null}
          onClose={onClose}
        />
      ) : (
        <p className="muted">Loading…</p>
      )}
    </Dialog>
  );
}

interface FileChoice {
  evidenceId: string;
  name: string;
  view: EvidenceView | undefined;
}

function EvidenceControlsForm({
  item,
  files,
  focusEvidenceId,
  onClose,
}: {
  item: AgendaItem;
  files: readonly FileChoice[];
  focusEvidenceId: string | null;
  onClose: () => void;
}) {
  const { evidence: store } = useDemoSlots();
  const titles = useControlTitles(item.controls);
  const [chosen, setChosen] = useState<ReadonlyMap<string, readonly ControlRef[]>>(
    () =>
      new Map(
        files.map((file) => [
          file.evidenceId,
          item.controls.filter((ref) => file.view?.controls.includes(ref)),
        ]),
      ),
  );
  const { busy, formError, submit } = useSubmit();
  const toggle = (evidenceId: string, ref: ControlRef, on: boolean): void => {
    const current = chosen.get(evidenceId) ?? [];
    const next = on ? [...current, ref] : current.filter((other) => other !== ref);
    setChosen(new Map(chosen).set(evidenceId, next));
  };
  return (
    <form
      noValidate
      onKeyDown={(event) => {
        // Enter on a box saves, as it would in a text field.
        const target = event.target as HTMLInputElement;
        if (event.key === 'Enter' && target.type === 'checkbox') {
          event.preventDefault();
          event.currentTarget.requestSubmit();
        }
      }}
      onSubmit={(event) => {
        event.preventDefault();
        void submit(async () => {
          await setItemEvidenceControls(
            item.id,
            files.map((file) => ({
              evidenceId: file.evidenceId,
              controls: chosen.get(file.evidenceId) ?? [],
            })),
            store,
          );
          notify('success', 'Evidence links saved.');
          onClose();
        });
      }}
    >
      {files.map((file) => (
        <fieldset key={file.evidenceId} className="evidence-controls">
          <legend>
            {file.name}
            {file.view ? (
              <span className="muted small"> · {file.view.variant || file.view.format}</span>
            ) : null}
          </legend>
          {item.controls.map((ref, index) => (
            <label key={ref} className="checkbox">
              <input
                type="checkbox"
                checked={(chosen.get(file.evidenceId) ?? []).includes(ref)}
                // The form may mount after the dialog opened (files still loading): focus here.
                autoFocus={file.evidenceId === focusEvidenceId && index === 0}
                onChange={(event) => toggle(file.evidenceId, ref, event.target.checked)}
              />
              <ControlLabel control={ref} title={titles.get(ref)} />
            </label>
          ))}
        </fieldset>
      ))}
      <FormFooter error={formError} onCancel={onClose} disabled={busy}>
        Save links
      </FormFooter>
    </form>
  );
}
