import { useState } from 'react';
import type { AgendaItem, ControlRef, Demo } from '../../../../../core/model';
import { ROLE_LABELS } from '../../../../../core/model';
import { notifyError } from '../../../app/notifications';
import { Dialog } from '../../../components/Dialog';
import { useSubmit } from '../../../components/useSubmit';
import { setAttendeePresent, updateAgendaItem } from '../commands';
import { ControlField } from '../ControlField';
import { useDemoSlots } from '../slots';
import { FormFooter } from '../../../components/FormFooter';

/** Who is in the room: Tab between people, Space marks present; saved at once. */
export function AttendanceDialog({
  open,
  onClose,
  demo,
}: {
  open: boolean;
  onClose: () => void;
  demo: Demo;
}) {
  return (
    <Dialog open={open} title="Attendance" onClose={onClose}>
      {demo.attendees.length === 0 ? (
        <p className="empty">No attendees on this demo. Add them on the demo’s page.</p>
      ) : (
        <ul className="attendance-list" aria-label="Attendees">
          {demo.attendees.map((attendee, index) => (
            <li key={attendee.id}>
              <label className="checkbox attendance">
                <input
                  type="checkbox"
                  checked={attendee.present}
                  data-autofocus={index === 0 ? true : undefined}
                  onChange={(event) =>
                    void setAttendeePresent(demo.id, attendee.id, event.target.checked).catch(
                      (error: unknown) => notifyError(error),
                    )
                  }
                />
                <span className="attendance-name">{attendee.name}</span>
                <span className={`role-tag role-${attendee.role}`}>
                  {ROLE_LABELS[attendee.role]}
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
      <div className="dialog-actions">
        <button type="button" className="button primary" onClick={onClose}>
          Done
        </button>
      </div>
    </Dialog>
  );
}

/** Links more controls to the current item during the demo. */
export function LinkControlDialog({
  open,
  onClose,
  item,
}: {
  open: boolean;
  onClose: () => void;
  item: AgendaItem;
}) {
  return (
    <Dialog open={open} title="Link controls" onClose={onClose}>
      <LinkControlForm item={item} onClose={onClose} />
    </Dialog>
  );
}

function LinkControlForm({ item, onClose }: { item: AgendaItem; onClose: () => void }) {
  const [controls, setControls] = useState<ControlRef[]>(item.controls);
  const { busy, formError, submit } = useSubmit();
  const { evidence } = useDemoSlots();
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit(() => updateAgendaItem(item.id, { ...item, controls }, evidence)).then(
          (done) => {
            if (done) onClose();
          },
        );
      }}
    >
      <ControlField
        label="Controls of this item"
        value={controls}
        onChange={setControls}
        workspaceId={item.workspaceId}
      />
      <FormFooter error={formError} onCancel={onClose} disabled={busy}>
        Save controls
      </FormFooter>
    </form>
  );
}
