import type { MetricMappingInput } from '../../../../core/telemetry/metrics';
import { SelectField, TextField } from '../../components/Field';

interface Props {
  columns: readonly string[];
  rows: readonly Record<string, unknown>[];
  mapping: MetricMappingInput;
  onChange: (mapping: MetricMappingInput) => void;
}

function cell(value: unknown): string {
  if (typeof value === 'string') return value.slice(0, 80);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null || value === undefined) return '';
  return JSON.stringify(value).slice(0, 80);
}

/** The column-mapping step of a metric import, with the first rows for reference. */
export function MappingFields({ columns, rows, mapping, onChange }: Props) {
  const wide = mapping.valueColumns !== undefined && mapping.valueColumns.length > 0;
  const toggle = (list: readonly string[] | undefined, column: string, on: boolean) =>
    on ? [...(list ?? []), column] : (list ?? []).filter((item) => item !== column);
  return (
    <fieldset className="mapping">
      <legend>Columns</legend>
      <div className="form-grid">
        <SelectField
          label="Time stamp"
          value={mapping.timestamp}
          onChange={(event) => onChange({ ...mapping, timestamp: event.target.value })}
        >
          {columns.map((column) => (
            <option key={column}>{column}</option>
          ))}
        </SelectField>
        <SelectField
          label="Layout"
          value={wide ? 'wide' : 'long'}
          onChange={(event) =>
            onChange(
              event.target.value === 'wide'
                ? {
                    timestamp: mapping.timestamp,
                    valueColumns: columns.filter((c) => c !== mapping.timestamp),
                    labels: [],
                  }
                : {
                    timestamp: mapping.timestamp,
                    metric: columns[1],
                    value: columns[2] ?? columns[1],
                    valueColumns: [],
                    labels: [],
                  },
            )
          }
        >
          <option value="long">One row per point (metric and value columns)</option>
          <option value="wide">One column per metric</option>
        </SelectField>
        {wide ? null : (
          <>
            <SelectField
              label="Metric name"
              value={mapping.metric ?? ''}
              onChange={(event) => {
                const metric = event.target.value;
                onChange(
                  metric === ''
                    ? { ...mapping, metric: undefined, fixedMetric: mapping.fixedMetric ?? 'value' }
                    : { ...mapping, metric },
                );
              }}
            >
              <option value="">(one metric, named below)</option>
              {columns.map((column) => (
                <option key={column}>{column}</option>
              ))}
            </SelectField>
            {mapping.metric === undefined ? (
              <TextField
                label="Name of the metric"
                value={mapping.fixedMetric ?? ''}
                maxLength={200}
                onChange={(event) => onChange({ ...mapping, fixedMetric: event.target.value })}
              />
            ) : null}
            <SelectField
              label="Value"
              value={mapping.value ?? ''}
              onChange={(event) => onChange({ ...mapping, value: event.target.value })}
            >
              {columns.map((column) => (
                <option key={column}>{column}</option>
              ))}
            </SelectField>
          </>
        )}
      </div>
      <div
        className="checkbox-group"
        role="group"
        aria-label={wide ? 'Metric columns' : 'Label columns'}
      >
        <span className="field-label">{wide ? 'Metric columns' : 'Label columns'}</span>
        {columns
          .filter(
            (column) =>
              column !== mapping.timestamp && column !== mapping.metric && column !== mapping.value,
          )
          .map((column) => {
            const list = wide ? mapping.valueColumns : mapping.labels;
            return (
              <label key={column} className="checkbox">
                <input
                  type="checkbox"
                  checked={(list ?? []).includes(column)}
                  onChange={(event) =>
                    onChange(
                      wide
                        ? {
                            ...mapping,
                            valueColumns: toggle(
                              mapping.valueColumns,
                              column,
                              event.target.checked,
                            ),
                          }
                        : {
                            ...mapping,
                            labels: toggle(mapping.labels, column, event.target.checked),
                          },
                    )
                  }
                />
                {column}
              </label>
            );
          })}
      </div>
      {rows.length > 0 ? (
        <div className="table-scroll">
          <table className="table compact" aria-label="First rows of the file">
            <thead>
              <tr>
                {columns.map((column) => (
                  <th key={column} scope="col">
                    {column}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.slice(0, 4).map((row, index) => (
                <tr key={index}>
                  {columns.map((column) => (
                    <td key={column}>{cell(row[column])}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </fieldset>
  );
}
