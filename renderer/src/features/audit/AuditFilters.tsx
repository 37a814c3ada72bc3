import { SelectField, TextField } from '../../components/Field';
import type { AuditFilter } from './log-query';
import { useAuditFacets } from './queries';

interface Props {
  value: AuditFilter;
  onChange: (filter: AuditFilter) => void;
}

/** Marks the field the "filter" command focuses. */
export const FIRST_FILTER_ATTRIBUTE = 'data-first-filter';

/** `2026-11-26T12:30` (local, as a datetime-local field gives it) ↔ an ISO instant. */
function toInstant(local: string, endOfMinute: boolean): string | undefined {
  if (local === '') return undefined;
  const time = new Date(local).getTime();
  if (Number.isNaN(time)) return undefined;
  return new Date(time + (endOfMinute ? 59_999 : 0)).toISOString();
}

function toLocal(instant: string | undefined): string {
  if (!instant) return '';
  const date = new Date(instant);
  const local = new Date(date.getTime() - date.getTimezoneOffset() * 60_000);
  return local.toISOString().slice(0, 16);
}

function without(filter: AuditFilter, field: keyof AuditFilter): AuditFilter {
  const next = { ...filter };
  delete next[field];
  return next;
}

function withField(
  filter: AuditFilter,
  field: keyof AuditFilter,
  value: string | undefined,
): AuditFilter {
  return value === undefined || value === ''
    ? without(filter, field)
    : { ...filter, [field]: value };
}

export function AuditFilters({ value, onChange }: Props) {
  const facets = useAuditFacets();
  const options = (values: readonly string[] | undefined, all: string) => [
    <option key="" value="">
      {all}
    </option>,
    ...(values ?? []).map((item) => (
      <option key={item} value={item}>
        {item}
      </option>
    )),
  ];
  const active = Object.keys(value).length > 0;
  return (
    <form
      className="panel audit-filters"
      aria-label="Filter the audit log"
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="form-grid">
        <SelectField
          label="Entity"
          {...{ [FIRST_FILTER_ATTRIBUTE]: true }}
          value={value.entity ?? ''}
          onChange={(event) =>
            onChange(without(withField(value, 'entity', event.target.value), 'key'))
          }
        >
          {options(facets.data?.entities, 'All entities')}
        </SelectField>
        <TextField
          label="Record key"
          value={value.key ?? ''}
          disabled={!value.entity}
          hint={value.entity ? 'One record’s whole history.' : 'Choose an entity first.'}
          onChange={(event) => onChange(withField(value, 'key', event.target.value.trim()))}
        />
        <SelectField
          label="Actor"
          value={value.actor ?? ''}
          onChange={(event) => onChange(withField(value, 'actor', event.target.value))}
        >
          {options(facets.data?.actors, 'Everyone')}
        </SelectField>
        <SelectField
          label="Action"
          value={value.action ?? ''}
          onChange={(event) => onChange(withField(value, 'action', event.target.value))}
        >
          {options(facets.data?.actions, 'All actions')}
        </SelectField>
        <TextField
          label="From"
          type="datetime-local"
          value={toLocal(value.from)}
          onChange={(event) =>
            onChange(withField(value, 'from', toInstant(event.target.value, false)))
          }
        />
        <TextField
          label="To"
          type="datetime-local"
          value={toLocal(value.to)}
          onChange={(event) =>
            onChange(withField(value, 'to', toInstant(event.target.value, true)))
          }
        />
      </div>
      {active ? (
        <button type="button" className="button small" onClick={() => onChange({})}>
          Clear filters
        </button>
      ) : null}
    </form>
  );
}
