/**
 * Why a file was refused: the root cause first, up to seven more problems, and what that means
 * for the data (nothing stored, nothing changed). An alert, so it is announced.
 */
export function ProblemsVerdict({
  lead,
  problems,
  fallback,
  outcome,
}: {
  /** `This bundle did not verify` */
  lead: string;
  problems: readonly string[];
  /** Said when the verdict names no problem. */
  fallback: string;
  outcome: string;
}) {
  return (
    <div className="verdict verdict-bad" role="alert">
      <p>
        {lead}: {problems[0] ?? fallback}
      </p>
      {problems.length > 1 ? (
        <ul>
          {problems.slice(1, 8).map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      ) : null}
      <p>{outcome}</p>
    </div>
  );
}
