import { useState } from 'react';
import { newId } from '../../../../core/model';
import type { AlertRule, AlertRuleInput } from '../../../../core/telemetry/model';
import { AlertRule as AlertRuleSchema, METRIC } from '../../../../core/telemetry/model';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { useSubmit } from '../../components/useSubmit';
import { parseOrThrow, errorUnder } from '../../lib/validation';
import { CONTROL_FIELD_HINT, controlsOfField } from '../controls/resolve';
import type { RuleKind } from './RuleFields';
import { SilenceRuleFields, WindowRuleFields, withKind } from './RuleFields';

interface Props {
  open: boolean;
  /** The rule to edit; a new rule when absent. */
  rule: AlertRule | undefined;
  /** Metric names present in the workspace's data, offered in the lists. */
  metrics: readonly string[];
  onSave: (rule: AlertRule) => Promise<void>;
  onClose: () => void;
}

export function RuleDialog(props: Props) {
  return (
    <Dialog
      open={props.open}
      title={props.rule ? 'Edit alert rule' : 'New alert rule'}
      onClose={props.onClose}
      wide
    >
      <RuleForm {...props} />
    </Dialog>
  );
}

function newRule(): AlertRuleInput {
  return {
    id: `rule-${newId().slice(0, 8)}`,
    name: '',
    kind: 'threshold',
    metric: METRIC.xss,
    aggregate: 'sum',
    above: 10,
    windowMinutes: 5,
    priority: 'P2',
    controls: [],
  };
}

function RuleForm({ rule, metrics, onSave, onClose }: Props) {
  const [draft, setDraft] = useState<AlertRuleInput>(() => rule ?? newRule());
  const [controls, setControls] = useState(() => (rule?.controls ?? []).join(' '));
  const { busy, fieldErrors, formError, submit } = useSubmit();
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit(async () => {
          const refs = await controlsOfField(controls, 'controls');
          await onSave(parseOrThrow(AlertRuleSchema, { ...draft, controls: refs }));
        }).then((done) => {
          if (done) onClose();
        });
      }}
    >
      <TextField
        label="Name"
        value={draft.name}
        maxLength={120}
        onChange={(event) => setDraft({ ...draft, name: event.target.value })}
        error={fieldErrors['name']}
        required
      />
      <div className="form-grid">
        <SelectField
          label="Kind"
          value={draft.kind}
          onChange={(event) => setDraft(withKind(draft, event.target.value as RuleKind))}
        >
          <option value="threshold">Threshold: one metric above a value</option>
          <option value="ratio">Ratio: one metric over another above a value</option>
          <option value="silence">Silent source: a source stops sending lines</option>
        </SelectField>
        {draft.kind === 'silence' ? (
          <SilenceRuleFields draft={draft} onChange={setDraft} fieldErrors={fieldErrors} />
        ) : (
          <WindowRuleFields
            draft={draft}
            onChange={setDraft}
            fieldErrors={fieldErrors}
            metrics={metrics}
          />
        )}
        <SelectField
          label="Priority"
          value={draft.priority}
          onChange={(event) =>
            setDraft({ ...draft, priority: event.target.value === 'P1' ? 'P1' : 'P2' })
          }
        >
          <option value="P1">P1 — fix immediately</option>
          <option value="P2">P2 — fix by the end of the week</option>
        </SelectField>
      </div>
      <TextField
        label="Controls"
        value={controls}
        onChange={(event) => setControls(event.target.value)}
        hint={`Controls this rule gives evidence for. ${CONTROL_FIELD_HINT}`}
        error={errorUnder(fieldErrors, 'controls')}
      />
      <FormFooter error={formError} disabled={busy} onCancel={onClose}>
        Save rule
      </FormFooter>
    </form>
  );
}
