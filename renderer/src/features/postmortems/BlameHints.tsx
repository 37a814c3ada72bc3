import { findBlameHints } from '../../../../core/postmortem/blame';

/** Under a post-mortem field: phrasing that may read as blame on a person, and a gentler framing. */
export function BlameHints({ text, fieldId }: { text: string; fieldId: string }) {
  const hints = findBlameHints(text);
  if (hints.length === 0) return null;
  return (
    <ul className="blame-hints" aria-label="Blameless language hints" id={`${fieldId}-blame`}>
      {hints.map((hint) => (
        <li key={`${hint.start}-${hint.phrase}`} role="note">
          <span className="blame-phrase">“{hint.phrase}”</span> {hint.suggestion}
        </li>
      ))}
    </ul>
  );
}
