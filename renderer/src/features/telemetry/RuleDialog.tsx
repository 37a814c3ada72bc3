import { useState } from 'react';
import { newId } from '../../../../core/model';
import type { AlertRule, AlertRuleInput } from '../../../../core/telemetry/model';
import {
  AlertRule as AlertRuleSchema,
  METRIC,
  metricLabel,
} from '../../../../core/telemetry/model';
import { Dialog } from '../../components/Dialog';
import { SelectField, TextField } from '../../components/Field';
import { FormFooter } from '../../components/FormFooter';
import { useSubmit } from '../../components/useSubmit';
import { parseOrThrow, errorUnder } from '../../lib/validation';

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
  const { busy, fieldErrors, formError, submit } = useSubmit();
  const options = [...new Set([...Object.values(METRIC), ...metrics])];
  const metricSelect = (
    label: string,
    value: string,
    change: (metric: string) => void,
    error: string | undefined,
  ) => (
    <SelectField
      label={label}
      value={value}
      onChange={(event) => change(event.target.value)}
      error={error}
    >
      {options.map((metric) => (
        <option key={metric} value={metric}>
          {metricLabel(metric)}
        </option>
      ))}
    </SelectField>
  );
  const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        void submit(() => onSave(parseOrThrow(AlertRuleSchema, draft))).then((done) => {
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
          onChange={(event) =>
            setDraft(
              event.target.value === 'ratio'
                ? {
                    id: draft.id,
                    name: draft.name,
                    priority: draft.priority,
                    windowMinutes: draft.windowMinutes,
                    controls: draft.controls ?? [],
                    kind: 'ratio',
                    numerator: METRIC.failedLogins,
                    denominator: METRIC.successfulLogins,
                    above: 3,
                    minNumerator: 10,
                  }
                : {
                    id: draft.id,
                    name: draft.name,
                    priority: draft.priority,
                    windowMinutes: draft.windowMinutes,
                    controls: draft.controls ?? [],
                    kind: 'threshold',
                    metric: METRIC.xss,
                    aggregate: 'sum',
                    above: 10,
                  },
            )
          }
        >
          <option value="threshold">Threshold: one metric above a value</option>
          <option value="ratio">Ratio: one metric over another above a value</option>
        </SelectField>
        {draft.kind === 'threshold' ? (
          <>
            {metricSelect(
              'Metric',
              draft.metric,
              (metric) => setDraft({ ...draft, metric }),
              fieldErrors['metric'],
            )}
            <SelectField
              label="Measured as"
              value={draft.aggregate ?? 'sum'}
              onChange={(event) =>
                setDraft({ ...draft, aggregate: event.target.value as 'sum' | 'max' | 'mean' })
              }
            >
              <option value="sum">Sum within the window</option>
              <option value="max">Highest value within the window</option>
              <option value="mean">Mean within the window</option>
            </SelectField>
          </>
        ) : (
          <>
            {metricSelect(
              'Numerator',
              draft.numerator,
              (numerator) => setDraft({ ...draft, numerator }),
              fieldErrors['numerator'],
            )}
            {metricSelect(
              'Denominator',
              draft.denominator,
              (denominator) => setDraft({ ...draft, denominator }),
              fieldErrors['denominator'],
            )}
            <TextField
              label="At least this many in the numerator"
              type="number"
              min={0}
              value={String(draft.minNumerator ?? 1)}
              onChange={(event) => setDraft({ ...draft, minNumerator: number(event.target.value) })}
              error={fieldErrors['minNumerator']}
            />
          </>
        )}
        <TextField
          label="Alert above"
          type="number"
          min={0}
          step="any"
          value={Number.isNaN(draft.above) ? '' : String(draft.above)}
          onChange={(event) => setDraft({ ...draft, above: number(event.target.value) })}
          error={fieldErrors['above']}
        />
        <TextField
          label="Window (minutes)"
          type="number"
          min={1}
          max={1440}
          value={Number.isNaN(draft.windowMinutes) ? '' : String(draft.windowMinutes)}
          onChange={(event) => setDraft({ ...draft, windowMinutes: number(event.target.value) })}
          error={fieldErrors['windowMinutes']}
        />
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
        value={(draft.controls ?? []).join(', ')}
        onChange={(event) =>
          setDraft({
            ...draft,
            controls: event.target.value.split(/[\s,]+/).filter((ref) => ref !== ''),
          })
        }
        hint="Control references this rule gives evidence for, e.g. nist-sp-800-53-rev5#si-4"
        error={errorUnder(fieldErrors, 'controls')}
      />
      <FormFooter error={formError} disabled={busy} onCancel={onClose}>
        Save rule
      </FormFooter>
    </form>
  );
}
