import type {
  AgendaItem,
  ControlRef,
  Demo,
  DemoIssuePriority,
  RaisedIssueDraft,
} from '../../../../../core/model';
import { DEMO_ISSUE_PRIORITIES, PRIORITY_MEANINGS } from '../../../../../core/model';
import { Dialog } from '../../../components/Dialog';
import { SelectField, TextAreaField, TextField } from '../../../components/Field';
import { useSubmit } from '../../../components/useSubmit';
import { notify } from '../../../app/notifications';
import { formatDate } from '../../../lib/format';
import { draftKeys, useDraft } from '../drafts';
import { checkIssueDraft, recordRaisedIssue } from '../record-commands';
import { useDemoSlots } from '../slots';
import { FormFooter } from '../../../components/FormFooter';

interface Props {
  open: boolean;
  onClose: () => void;
  demo: Demo;
  item: AgendaItem;
  /** Prefill: the control selected in presenter mode and its verdict's suggested priority. */
  control: ControlRef | null;
  priority: DemoIssuePriority;
}

interface IssueForm {
  title: string;
  priority: DemoIssuePriority;
  control: string;
  description: string;
}

function isIssueForm(value: unknown): value is IssueForm {
  const form = value as Partial<IssueForm> | null;
  return (
    typeof form?.title === 'string' &&
    (form.priority === 'P1' || form.priority === 'P2') &&
    typeof form.control === 'string' &&
    typeof form.description === 'string'
  );
}

export function RaiseIssueDialog(props: Props) {
  return (
    <Dialog open={props.open} title="Raise a security issue" onClose={props.onClose} wide>
      <RaiseIssueForm {...props} />
    </Dialog>
  );
}

/** Prefilled from the item and the selected control, so Enter alone raises it. */
export function issuePrefill(
  demo: Demo,
  item: AgendaItem,
  control: ControlRef | null,
  priority: DemoIssuePriority,
): IssueForm {
  const subject = item.key ? `${item.key} ${item.title}` : item.title;
  return {
    title: control ? `${subject}: ${control} not met` : subject,
    priority,
    control: control ?? '',
    description: `Raised during “${demo.title}” on ${formatDate(demo.date)}, agenda item “${subject}”.`,
  };
}

function RaiseIssueForm({ onClose, demo, item, control, priority }: Props) {
  const { issues } = useDemoSlots();
  const key = draftKeys.issue(demo.id, item.id);
  const draft = useDraft<IssueForm>(key, issuePrefill(demo, item, control, priority), isIssueForm);
  const { busy, fieldErrors, formError, submit } = useSubmit();
  const form = draft.value;
  const update = (change: Partial<IssueForm>): void => draft.set({ ...form, ...change });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const issue: RaisedIssueDraft = {
          title: form.title,
          priority: form.priority,
          control: form.control === '' ? null : form.control,
          description: form.description,
        };
        void submit(async () => {
          await checkIssueDraft(item.id, issue);
          const { trackerId } = await issues.raise(issue, {
            workspaceId: demo.workspaceId,
            sprintId: demo.sprintId,
            demoId: demo.id,
            itemId: item.id,
            itemKey: item.key,
            itemTitle: item.title,
          });
          await recordRaisedIssue(item.id, issue, trackerId, key);
          draft.reset();
          notify('success', `${issue.priority} issue raised: ${issue.title}`);
        }).then((done) => {
          if (done) onClose();
        });
      }}
    >
      <TextField
        label="Title"
        value={form.title}
        onChange={(event) => update({ title: event.target.value })}
        error={fieldErrors['title']}
        maxLength={300}
      />
      <fieldset className="priority-choice">
        <legend>Priority</legend>
        {DEMO_ISSUE_PRIORITIES.map((value) => (
          <label key={value} className={`priority-option priority-${value}`}>
            <input
              type="radio"
              name="priority"
              value={value}
              checked={form.priority === value}
              onChange={() => update({ priority: value })}
            />
            <strong>{value}</strong> {PRIORITY_MEANINGS[value]}
          </label>
        ))}
      </fieldset>
      <SelectField
        label="Control"
        value={form.control}
        onChange={(event) => update({ control: event.target.value })}
        error={fieldErrors['control']}
      >
        <option value="">No specific control</option>
        {item.controls.map((ref) => (
          <option key={ref} value={ref}>
            {ref}
          </option>
        ))}
      </SelectField>
      <TextAreaField
        label="Description"
        value={form.description}
        onChange={(event) => update({ description: event.target.value })}
        error={fieldErrors['description']}
        rows={3}
      />
      <p className="field-hint">{issues.hint}</p>
      <FormFooter error={formError} onCancel={onClose} disabled={busy} tone="danger">
        Raise {form.priority} issue
      </FormFooter>
    </form>
  );
}
