import type { AlertRuleInput } from '../../../../core/telemetry/model';
import { METRIC, metricLabel } from '../../../../core/telemetry/model';
import { SelectField, TextField } from '../../components/Field';

/** The fields of one kind of rule: window rules (threshold, ratio) or the silent-source rule. */
export type RuleKind = AlertRuleInput['kind'];

type Draft<K extends RuleKind> = Extract<AlertRuleInput, { kind: K }>;

interface FieldsProps<K extends RuleKind> {
  draft: Draft<K>;
  onChange: (draft: Draft<K>) => void;
  fieldErrors: Readonly<Record<string, string>>;
}

const number = (text: string) => (text.trim() === '' ? Number.NaN : Number(text));
const shown = (value: number | undefined) =>
  value === undefined || Number.isNaN(value) ? '' : String(value);

/** The same rule as another kind, keeping what all kinds share. */
export function withKind(draft: AlertRuleInput, kind: RuleKind): AlertRuleInput {
  const common = {
    id: draft.id,
    name: draft.name,
    priority: draft.priority,
    controls: draft.controls ?? [],
  };
  const windowMinutes = draft.kind === 'silence' ? 5 : draft.windowMinutes;
  if (kind === 'silence')
    return { ...common, kind, tolerance: 3, minimumMinutes: 10, cadences: {} };
  if (kind === 'ratio')
    return {
      ...common,
      windowMinutes,
      kind,
      numerator: METRIC.failedLogins,
      denominator: METRIC.successfulLogins,
      above: 3,
      minNumerator: 10,
    };
  return { ...common, windowMinutes, kind, metric: METRIC.xss, aggregate: 'sum', above: 10 };
}

function MetricSelect({
  label,
  value,
  metrics,
  onChange,
  error,
}: {
  label: string;
  value: string;
  metrics: readonly string[];
  onChange: (metric: string) => void;
  error: string | undefined;
}) {
  const options = [...new Set([...Object.values(METRIC), ...metrics])];
  return (
    <SelectField
      label={label}
      value={value}
      onChange={(event) => onChange(event.target.value)}
      error={error}
    >
      {options.map((metric) => (
        <option key={metric} value={metric}>
          {metricLabel(metric)}
        </option>
      ))}
    </SelectField>
  );
}

export function WindowRuleFields({
  draft,
  onChange,
  fieldErrors,
  metrics,
}: FieldsProps<'threshold' | 'ratio'> & { metrics: readonly string[] }) {
  return (
    <>
      {draft.kind === 'threshold' ? (
        <>
          <MetricSelect
            label="Metric"
            value={draft.metric}
            metrics={metrics}
            onChange={(metric) => onChange({ ...draft, metric })}
            error={fieldErrors['metric']}
          />
          <SelectField
            label="Measured as"
            value={draft.aggregate ?? 'sum'}
            onChange={(event) =>
              onChange({ ...draft, aggregate: event.target.value as 'sum' | 'max' | 'mean' })
            }
          >
            <option value="sum">Sum within the window</option>
            <option value="max">Highest value within the window</option>
            <option value="mean">Mean within the window</option>
          </SelectField>
        </>
      ) : (
        <>
          <MetricSelect
            label="Numerator"
            value={draft.numerator}
            metrics={metrics}
            onChange={(numerator) => onChange({ ...draft, numerator })}
            error={fieldErrors['numerator']}
          />
          <MetricSelect
            label="Denominator"
            value={draft.denominator}
            metrics={metrics}
            onChange={(denominator) => onChange({ ...draft, denominator })}
            error={fieldErrors['denominator']}
          />
          <TextField
            label="At least this many in the numerator"
            type="number"
            min={0}
            value={String(draft.minNumerator ?? 1)}
            onChange={(event) => onChange({ ...draft, minNumerator: number(event.target.value) })}
            error={fieldErrors['minNumerator']}
          />
        </>
      )}
      <TextField
        label="Alert above"
        type="number"
        min={0}
        step="any"
        value={shown(draft.above)}
        onChange={(event) => onChange({ ...draft, above: number(event.target.value) })}
        error={fieldErrors['above']}
      />
      <TextField
        label="Window (minutes)"
        type="number"
        min={1}
        max={1440}
        value={shown(draft.windowMinutes)}
        onChange={(event) => onChange({ ...draft, windowMinutes: number(event.target.value) })}
        error={fieldErrors['windowMinutes']}
      />
    </>
  );
}

export function SilenceRuleFields({ draft, onChange, fieldErrors }: FieldsProps<'silence'>) {
  return (
    <>
      <TextField
        label="Silent after this many cadences"
        type="number"
        min={1}
        max={100}
        step="any"
        value={shown(draft.tolerance ?? 3)}
        onChange={(event) => onChange({ ...draft, tolerance: number(event.target.value) })}
        hint="A source's cadence is learned from its history or set in the Sources table."
        error={fieldErrors['tolerance']}
      />
      <TextField
        label="And at least (minutes)"
        type="number"
        min={1}
        max={10080}
        value={shown(draft.minimumMinutes ?? 10)}
        onChange={(event) => onChange({ ...draft, minimumMinutes: number(event.target.value) })}
        error={fieldErrors['minimumMinutes']}
      />
    </>
  );
}
