import type {
  AgendaItem,
  ControlRef,
  ControlVerdict,
  Demo,
  DemoIssuePriority,
} from '../../../../../core/model';
import {
  DEMO_ISSUE_PRIORITIES,
  PRIORITY_MEANINGS,
  VERDICT_LABELS,
} from '../../../../../core/model';
import { Dialog } from '../../../components/Dialog';
import { SelectField, TextAreaField, TextField } from '../../../components/Field';
import { useSubmit } from '../../../components/useSubmit';
import { notify } from '../../../app/notifications';
import { formatDate } from '../../../lib/format';
import { draftKeys, useDraft } from '../drafts';
import { raiseItemIssue } from '../record-commands';
import { useDemoSlots } from '../slots';
import { FormFooter } from '../../../components/FormFooter';

interface Props {
  open: boolean;
  onClose: () => void;
  demo: Demo;
  item: AgendaItem;
  /** Prefill: the control selected in presenter mode. */
  control: ControlRef | null;
  /** The failed verdict the issue is raised from, if it is: the issue's source. */
  verdict: ControlVerdict | null;
  priority: DemoIssuePriority;
}

interface IssueForm {
  title: string;
  priority: DemoIssuePriority;
  control: string;
  owner: string;
  description: string;
  /** Kept with the draft, so a reload raises it from the same verdict. */
  fromVerdict: { id: string; control: string } | null;
}

function isIssueForm(value: unknown): value is IssueForm {
  const form = value as Partial<IssueForm> | null;
  const from = form?.fromVerdict;
  return (
    typeof form?.title === 'string' &&
    (form.priority === 'P1' || form.priority === 'P2') &&
    typeof form.control === 'string' &&
    typeof form.owner === 'string' &&
    typeof form.description === 'string' &&
    (from === null || (typeof from?.id === 'string' && typeof from.control === 'string'))
  );
}

export function RaiseIssueDialog(props: Props) {
  return (
    <Dialog open={props.open} title="Raise a security issue" onClose={props.onClose} wide>
      <RaiseIssueForm {...props} />
    </Dialog>
  );
}

/** Prefilled from the item, the selected control or its failed verdict, so Enter alone raises it. */
export function issuePrefill(
  demo: Demo,
  item: AgendaItem,
  control: ControlRef | null,
  verdict: ControlVerdict | null,
  priority: DemoIssuePriority,
): IssueForm {
  const subject = item.key ? `${item.key} ${item.title}` : item.title;
  const context = `Raised during “${demo.title}” on ${formatDate(demo.date)}, agenda item “${subject}”.`;
  if (verdict) {
    const judged = `Verdict on ${verdict.control}: ${VERDICT_LABELS[verdict.verdict]}${
      verdict.verdict === 'exception' && verdict.expires
        ? `, expired ${formatDate(verdict.expires)}`
        : ''
    }${verdict.reason ? ` (${verdict.reason})` : ''}, by ${verdict.decidedBy}.`;
    return {
      title: `${subject}: ${verdict.control} not satisfied`,
      priority,
      control: verdict.control,
      owner: item.owner,
      description: `${context} ${judged}`,
      fromVerdict: { id: verdict.id, control: verdict.control },
    };
  }
  return {
    title: control ? `${subject}: ${control} not met` : subject,
    priority,
    control: control ?? '',
    owner: item.owner,
    description: context,
    fromVerdict: null,
  };
}

function RaiseIssueForm({ onClose, demo, item, control, verdict, priority }: Props) {
  const { issues } = useDemoSlots();
  const key = draftKeys.issue(demo.id, item.id);
  const draft = useDraft<IssueForm>(
    key,
    issuePrefill(demo, item, control, verdict, priority),
    isIssueForm,
  );
  const { busy, fieldErrors, formError, submit } = useSubmit();
  const form = draft.value;
  const update = (change: Partial<IssueForm>): void => draft.set({ ...form, ...change });
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        const raised = {
          title: form.title,
          priority: form.priority,
          control: form.control === '' ? null : form.control,
          description: form.description,
        };
        void submit(async () => {
          const { key: trackerKey } = await raiseItemIssue(item.id, raised, issues, {
            owner: form.owner,
            verdictId: form.fromVerdict?.id ?? null,
            draftKey: key,
          });
          draft.reset();
          notify(
            'success',
            `Raised ${trackerKey} (${raised.priority}): ${raised.title}${
              raised.priority === 'P1' ? '. A blameless post-mortem is expected.' : ''
            }`,
          );
        }).then((done) => {
          if (done) onClose();
        });
      }}
    >
      {form.fromVerdict ? (
        <p className="raise-source">From the failed verdict on {form.fromVerdict.control}</p>
      ) : null}
      <TextField
        label="Title"
        value={form.title}
        onChange={(event) => update({ title: event.target.value })}
        error={fieldErrors['title']}
        maxLength={200}
      />
      <fieldset className="priority-choice">
        <legend>Priority</legend>
        {DEMO_ISSUE_PRIORITIES.map((value) => (
          <label key={value} className="demo-priority-option">
            <input
              type="radio"
              name="priority"
              value={value}
              checked={form.priority === value}
              onChange={() => update({ priority: value })}
            />
            <span className={`demo-priority demo-priority-${value}`}>{value}</span>{' '}
            {PRIORITY_MEANINGS[value]}
          </label>
        ))}
      </fieldset>
      <div className="form-grid">
        <SelectField
          label="Control"
          value={form.control}
          onChange={(event) => {
            const next = event.target.value;
            // The verdict is the source only while the issue is about its control.
            const fromVerdict = form.fromVerdict?.control === next ? form.fromVerdict : null;
            update({ control: next, fromVerdict });
          }}
          error={fieldErrors['control'] ?? fieldErrors['controlRefs.0']}
        >
          <option value="">No specific control</option>
          {item.controls.map((ref) => (
            <option key={ref} value={ref}>
              {ref}
            </option>
          ))}
        </SelectField>
        <TextField
          label="Owner"
          value={form.owner}
          onChange={(event) => update({ owner: event.target.value })}
          error={fieldErrors['owner']}
          maxLength={120}
          autoComplete="off"
        />
      </div>
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
