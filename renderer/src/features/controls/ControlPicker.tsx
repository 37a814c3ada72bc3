import { useId, useMemo, useState } from 'react';
import type { ControlHit } from '../../../../core/catalog/search';
import { searchControls } from '../../../../core/catalog/search';
import { useControlLibrary } from './library';

export interface ControlPickerProps {
  /** Called with the chosen control's reference (`nist-sp-800-53-rev5#ac-2`). */
  onPick: (ref: string, hit: ControlHit) => void;
  /** Visible label of the search box. */
  label?: string;
  placeholder?: string;
  /** Search only these catalogs. */
  catalogIds?: readonly string[];
  limit?: number;
  autoFocus?: boolean;
  /** Clear the box after a pick (for pickers that add several controls). */
  clearOnPick?: boolean;
  id?: string;
}

/**
 * Search box with a result list over every loaded catalog. Keyboard: type, ↑/↓ to move,
 * Enter to pick, Escape to clear. Reusable wherever a control must be chosen.
 */
export function ControlPicker({
  onPick,
  label = 'Find a control',
  placeholder = 'Id, title or words from the statement…',
  catalogIds,
  limit = 30,
  autoFocus = false,
  clearOnPick = false,
  id,
}: ControlPickerProps) {
  const { index, error } = useControlLibrary();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const [focused, setFocused] = useState(false);
  const generatedId = useId();
  const inputId = id ?? `${generatedId}-input`;
  const listId = `${generatedId}-results`;
  const hits = useMemo(
    () =>
      index ? searchControls(index, query, { limit, ...(catalogIds ? { catalogIds } : {}) }) : [],
    [index, query, limit, catalogIds],
  );
  const activeIndex = Math.min(active, Math.max(0, hits.length - 1));
  const pick = (hit: ControlHit | undefined): void => {
    if (!hit) return;
    if (clearOnPick) setQuery('');
    onPick(hit.ref, hit);
  };
  const optionId = (hit: ControlHit): string => `${generatedId}-${hit.ref}`;
  // The list floats over the page: shown only while the box has focus.
  const open = focused && query.trim() !== '';
  return (
    <div className="control-picker">
      <label htmlFor={inputId}>{label}</label>
      <input
        id={inputId}
        type="search"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && hits[activeIndex] ? optionId(hits[activeIndex]) : undefined}
        placeholder={placeholder}
        autoFocus={autoFocus}
        autoComplete="off"
        spellCheck={false}
        value={query}
        onFocus={() => setFocused(true)}
        onBlur={() => setFocused(false)}
        onChange={(event) => {
          setQuery(event.target.value);
          setActive(0);
        }}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown') {
            event.preventDefault();
            setActive((activeIndex + 1) % Math.max(1, hits.length));
          } else if (event.key === 'ArrowUp') {
            event.preventDefault();
            setActive((activeIndex - 1 + hits.length) % Math.max(1, hits.length));
          } else if (event.key === 'Enter') {
            event.preventDefault();
            pick(hits[activeIndex]);
          } else if (event.key === 'Escape' && query !== '') {
            event.preventDefault();
            event.stopPropagation();
            setQuery('');
          }
        }}
      />
      <ul
        id={listId}
        role="listbox"
        aria-label="Matching controls"
        className="picker-results"
        hidden={!open}
      >
        {open && !index && !error ? <li className="muted">Loading catalogs…</li> : null}
        {open && error ? <li className="form-error">{error.message}</li> : null}
        {open && index && hits.length === 0 ? (
          <li className="muted">No control matches “{query.trim()}”.</li>
        ) : null}
        {(open ? hits : []).map((hit, position) => (
          <li
            key={hit.ref}
            id={optionId(hit)}
            role="option"
            aria-selected={position === activeIndex}
            className={position === activeIndex ? 'picker-item active' : 'picker-item'}
            // Mouse movement, not a list appearing under a resting pointer, moves the selection.
            onMouseMove={() => setActive(position)}
            onMouseDown={(event) => event.preventDefault()}
            onClick={() => pick(hit)}
          >
            <span className="picker-head">
              <span className="control-label">{hit.label}</span> {hit.title}
              <span className="picker-catalog">{hit.catalogTitle}</span>
            </span>
            {hit.snippet ? <span className="picker-snippet">{hit.snippet}</span> : null}
          </li>
        ))}
      </ul>
    </div>
  );
}
