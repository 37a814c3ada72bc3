import { useId, useState } from 'react';
import type { ControlSuggestion } from '../../../../core/evidence/controls';
import type { EvidenceLink } from '../../../../core/model';
import { notifyError } from '../../app/notifications';
import { useSubmit } from '../../components/useSubmit';
import { linkEvidence, unlinkEvidence } from './commands';
import { RecordRef } from '../../app/records';
import { CONTROL_FIELD_HINT, controlsOfField } from '../controls/resolve';

/**
 * Where this evidence is used: its links to controls and to anything else (demo items, issues),
 * with control suggestions from the format and the findings.
 */
export function LinksPanel({
  evidenceId,
  links,
  suggestions,
}: {
  evidenceId: string;
  links: readonly EvidenceLink[];
  suggestions: readonly ControlSuggestion[];
}) {
  const inputId = useId();
  const errorId = useId();
  const hintId = useId();
  const [ref, setRef] = useState('');
  const { busy, fieldErrors, formError, submit } = useSubmit();
  const controls = links.filter((link) => link.targetType === 'control');
  const others = links.filter((link) => link.targetType !== 'control');
  const linked = new Set(controls.map((link) => link.targetId));
  const open = suggestions.filter((suggestion) => !linked.has(suggestion.ref));
  const error = fieldErrors['targetId'] ?? formError;
  const link = (targetId: string): Promise<boolean> =>
    submit(() => linkEvidence(evidenceId, { targetType: 'control', targetId }));
  /** What was typed, read as every control field reads it (`cm-8`, `AC-2(1)`, full refs). */
  const linkTyped = (text: string): Promise<boolean> =>
    submit(async () => {
      for (const targetId of await controlsOfField(text, 'targetId'))
        await linkEvidence(evidenceId, { targetType: 'control', targetId });
    });

  return (
    <section className="panel" aria-labelledby="links-heading">
      <h2 id="links-heading">Controls and uses</h2>
      {controls.length === 0 ? <p className="empty">Not linked to any control yet.</p> : null}
      <ul className="link-list" aria-label="Linked controls">
        {controls.map((item) => (
          <li key={item.id}>
            <code>{item.targetId}</code>
            <button
              type="button"
              className="button small danger-quiet"
              aria-label={`Unlink ${item.targetId}`}
              onClick={() =>
                void unlinkEvidence(item.id).catch((failure: unknown) => notifyError(failure))
              }
            >
              Unlink
            </button>
          </li>
        ))}
      </ul>
      <form
        className="inline-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void linkTyped(ref).then((done) => {
            if (done) setRef('');
          });
        }}
      >
        <label htmlFor={inputId}>Link to control</label>
        <input
          id={inputId}
          value={ref}
          onChange={(event) => setRef(event.target.value)}
          placeholder="ra-5, AC-2(1) or nist-sp-800-53-rev5#ra-5"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          spellCheck={false}
        />
        <button type="submit" className="button" disabled={busy || ref.trim() === ''}>
          Link
        </button>
        <p id={hintId} className="field-hint">
          {CONTROL_FIELD_HINT}
        </p>
        {error ? (
          <p id={errorId} className="field-error" role="alert">
            {error}
          </p>
        ) : null}
      </form>
      {open.length > 0 ? (
        <>
          <h3>Suggested controls</h3>
          <ul className="link-list" aria-label="Suggested controls">
            {open.map((suggestion) => (
              <li key={suggestion.ref}>
                <code>{suggestion.ref}</code> <span className="muted">{suggestion.reason}</span>
                <button
                  type="button"
                  className="button small"
                  aria-label={`Link ${suggestion.ref}`}
                  onClick={() => void link(suggestion.ref)}
                >
                  Link
                </button>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {others.length > 0 ? (
        <>
          <h3>Also used by</h3>
          <ul className="link-list" aria-label="Other uses">
            {others.map((item) => (
              <li key={item.id}>
                <RecordRef kind={item.targetType} id={item.targetId} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}
