import { useEffect, useId, useRef, useState } from 'react';
import type { ControlRef } from '../../../../core/model';
import { splitControlText, unmatchedControlsMessage } from '../../../../core/catalog/resolve';
import { ControlLabel, useControlTitles } from './ControlLabel';
import type { ControlMatch } from './slots';
import { useDemoSlots } from './slots';

interface Props {
  label: string;
  value: readonly ControlRef[];
  onChange: (value: ControlRef[]) => void;
  workspaceId: string;
  error?: string | undefined;
}

/**
 * Links controls to an agenda item: search the catalogs by id, title or words, or type or paste
 * ids or full references (several at once, separated by spaces or commas); the arrow keys choose
 * a match, Enter adds it (else what was typed, read as every control field reads it), Backspace
 * in an empty box removes the last one. With an empty box, Enter submits the form as usual.
 */
export function ControlField({ label, value, onChange, workspaceId, error }: Props) {
  const { controls } = useDemoSlots();
  const id = useId();
  const [text, setText] = useState('');
  // Results are kept with the text they answer, so a slow search never offers stale matches.
  const [results, setResults] = useState<{ text: string; matches: ControlMatch[] }>({
    text: '',
    matches: [],
  });
  const [active, setActive] = useState<number | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const titles = useControlTitles(value);
  // A search that answers after more controls were added adds to those, not to an older list.
  const latest = useRef(value);
  useEffect(() => {
    latest.current = value;
  }, [value]);

  useEffect(() => {
    let cancelled = false;
    if (text.trim() === '') return undefined;
    controls.search(text, { workspaceId }).then(
      (found) => {
        if (!cancelled) {
          setResults({ text, matches: found.filter((match) => !value.includes(match.ref)) });
          setActive(null);
        }
      },
      () => undefined,
    );
    return () => {
      cancelled = true;
    };
  }, [controls, text, value, workspaceId]);

  /** Adds references read from `from` (the text they came from), then clears that text. */
  const add = (refs: readonly ControlRef[], unmatched: readonly string[], from = text): void => {
    const current = latest.current;
    const valid = refs.filter((ref) => !current.includes(ref));
    if (valid.length > 0) onChange([...current, ...valid]);
    setProblem(unmatched.length > 0 ? unmatchedControlsMessage(unmatched) : null);
    // Typing may have gone on while the text was read: only the text the refs came from goes.
    setText((current) => (current === from ? unmatched.join(' ') : current));
    setActive(null);
  };

  const listId = `${id}-suggestions`;
  const hintId = `${id}-hint`;
  const shown = text.trim() === '' || results.text !== text ? [] : results.matches.slice(0, 8);
  const highlighted = active === null ? undefined : shown[active];
  return (
    <div className={error || problem ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {value.length > 0 ? (
        <ul className="chip-list" aria-label={`${label}: linked`}>
          {value.map((ref) => (
            <li key={ref} className="chip">
              <ControlLabel control={ref} title={titles.get(ref)} />
              <button
                type="button"
                className="chip-remove"
                aria-label={`Remove ${ref}`}
                onClick={() => onChange(value.filter((other) => other !== ref))}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <input
        id={id}
        role="combobox"
        aria-expanded={shown.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-activedescendant={highlighted ? `${listId}-${active}` : undefined}
        aria-describedby={hintId}
        aria-invalid={error || problem ? true : undefined}
        autoComplete="off"
        spellCheck={false}
        value={text}
        placeholder="ac-2, V5.1.1, “account management” or nist-sp-800-53-rev5#ac-2"
        onChange={(event) => {
          setText(event.target.value);
          setActive(null);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && shown.length > 0) {
            event.preventDefault();
            setActive(active === null ? 0 : (active + 1) % shown.length);
          } else if (event.key === 'ArrowUp' && shown.length > 0) {
            event.preventDefault();
            setActive(
              active === null ? shown.length - 1 : (active - 1 + shown.length) % shown.length,
            );
          } else if (event.key === 'Enter' && text.trim() !== '') {
            // Enter adds the suggestion chosen with the arrow keys; else what was typed, read
            // as every control field reads it (ids such as cm-8, full references, or words).
            event.preventDefault();
            if (highlighted) {
              add([highlighted.ref], []);
              return;
            }
            const from = text;
            controls.resolve(from).then(
              ({ refs, unmatched }) => add(refs, unmatched, from),
              () => add([], splitControlText(from), from),
            );
          } else if (event.key === 'Backspace' && text === '' && value.length > 0) {
            onChange(value.slice(0, -1));
          }
        }}
      />
      <ul id={listId} role="listbox" className="suggestions" aria-label="Matching controls">
        {shown.map((match, index) => (
          <li
            key={match.ref}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            className={index === active ? 'suggestion active' : 'suggestion'}
            onMouseDown={(event) => {
              event.preventDefault();
              add([match.ref], []);
            }}
          >
            <ControlLabel control={match.ref} title={match.title ?? undefined} />
            <span className="muted small">{match.source}</span>
          </li>
        ))}
      </ul>
      <p id={hintId} className="field-hint">
        {controls.hint}
      </p>
      {problem || error ? <p className="field-error">{problem ?? error}</p> : null}
    </div>
  );
}
