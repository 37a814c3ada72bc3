import { useDeferredValue, useId, useState } from 'react';
import { issueKey } from '../../../../core/model';
import { notifyError } from '../../app/notifications';
import { FormError } from '../../components/FormFooter';
import { counted } from '../../lib/format';
import { startPostMortem } from './commands';
import { useIssuesWithoutPostMortem } from './queries';
import { selectPostMortem } from './selection';

/** Issues offered at once: a short list to choose from, the search finds any other. */
export const CHOICES_SHOWN = 8;

/**
 * Starts a post-mortem for an issue that has none: the newest such issues are offered, and a
 * search by key (SEC-42) or words of the title finds any of them, however many there are.
 */
export function StartPostMortem({ workspaceId }: { workspaceId: string }) {
  const [text, setText] = useState('');
  const searched = useDeferredValue(text);
  const choices = useIssuesWithoutPostMortem(workspaceId, searched, CHOICES_SHOWN);
  const searchId = useId();
  const data = choices.data;
  if (data?.withoutPostMortem === 0) return null;
  const start = (issueId: string) =>
    startPostMortem(issueId).then(
      (created) => selectPostMortem(created.id),
      (error: unknown) => notifyError(error),
    );
  return (
    <section className="panel" aria-labelledby={`${searchId}-heading`}>
      <h2 id={`${searchId}-heading`}>Start a post-mortem</h2>
      <div className="field">
        <label htmlFor={searchId}>Find an issue without a post-mortem</label>
        <input
          id={searchId}
          type="search"
          value={text}
          maxLength={200}
          placeholder="SEC-42 or words of the title"
          onChange={(event) => setText(event.target.value)}
        />
      </div>
      <FormError message={choices.error?.message} />
      {data === undefined ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <p className="muted" role="status">
            {summary(searched.trim() !== '', data.issues.length, data.more, data.withoutPostMortem)}
          </p>
          {data.issues.length > 0 ? (
            <ul className="choice-list" aria-label="Issues without a post-mortem">
              {data.issues.map((issue) => (
                <li key={issue.id}>
                  <button
                    type="button"
                    className="link-button"
                    onClick={() => void start(issue.id)}
                    aria-label={`Start a post-mortem for ${issueKey(issue)}: ${issue.title}`}
                  >
                    {issueKey(issue)}
                  </button>{' '}
                  <span className={`priority-badge priority-${issue.priority}`}>
                    {issue.priority}
                  </span>{' '}
                  {issue.title}
                </li>
              ))}
            </ul>
          ) : null}
        </>
      )}
    </section>
  );
}

function summary(searching: boolean, shown: number, more: boolean, without: number): string {
  const of = `of ${counted(without, 'issue')} without a post-mortem`;
  if (searching) {
    if (shown === 0)
      return `No match among the ${counted(without, 'issue')} without a post-mortem.`;
    return more
      ? `The ${shown} newest matches shown; type more to narrow.`
      : `${counted(shown, 'match', 'matches')} ${of}.`;
  }
  return more
    ? `The ${shown} newest ${of}; search to find the others.`
    : `${counted(shown, 'issue')} without a post-mortem.`;
}
