import type {
  AgendaItem,
  ControlRef,
  ControlVerdict,
  Demo,
  DemoIssuePriority,
} from '../../../../../core/model';
import { DEMO_ISSUE_PRIORITIES, VERDICT_LABELS } from '../../../../../core/model';
import { Dialog } from '../../../components/Dialog';
import { SelectField } from '../../../components/Field';
import type { IssueFields } from '../../../components/IssueForm';
import { IssueForm, useIssueForm } from '../../../components/IssueForm';
import { notify } from '../../../app/notifications';
import { formatDate } from '../../../lib/format';
import { draftKeys, useDraft } from '../drafts';
import { raiseItemIssue } from '../record-commands';
import { useDemoSlots } from '../slots';

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

interface IssueDraft extends IssueFields<DemoIssuePriority> {
  control: string;
  /** Kept with the draft, so a reload raises it from the same verdict. */
  fromVerdict: { id: string; control: string } | null;
}

function isIssueDraft(value: unknown): value is IssueDraft {
  const form = value as Partial<IssueDraft> | null;
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
): IssueDraft {
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
  const draft = useDraft<IssueDraft>(
    key,
    issuePrefill(demo, item, control, verdict, priority),
    isIssueDraft,
  );
  // One transaction: the tracker's issue, the item's record of it and the draft's removal.
  const state = useIssueForm(
    draft,
    DEMO_ISSUE_PRIORITIES,
    async (form) => {
      const raised = {
        title: form.title,
        priority: form.priority,
        control: form.control === '' ? null : form.control,
        description: form.description,
      };
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
    },
    onClose,
  );
  const { form, update, fieldErrors } = state;
  return (
    <IssueForm
      state={state}
      priorities={DEMO_ISSUE_PRIORITIES}
      source={
        form.fromVerdict ? `From the failed verdict on ${form.fromVerdict.control}` : undefined
      }
      hint={issues.hint}
      onCancel={onClose}
      beside={
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
      }
    />
  );
}
