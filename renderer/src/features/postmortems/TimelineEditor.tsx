import { useState } from 'react';
import type { PostMortem, SlaPolicy } from '../../../../core/model';
import { formatZoned, instantOf } from '../../../../core/time/zoned';
import { notifyError } from '../../app/notifications';
import { TextField } from '../../components/Field';
import { FormError } from '../../components/FormActions';
import { useSubmit } from '../../components/useSubmit';
import { addTimelineEntry, removeTimelineEntry } from './commands';

/** `2026-11-23T10:15` read on the workspace's clock. */
function localToIso(value: string, timeZone: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(value);
  if (!match) return '';
  const [, year, month, day, hour, minute] = match.map(Number);
  return new Date(
    instantOf(
      {
        year: year ?? 0,
        month: month ?? 0,
        day: day ?? 0,
        hour: hour ?? 0,
        minute: minute ?? 0,
        second: 0,
      },
      timeZone,
    ),
  ).toISOString();
}

export function TimelineEditor({
  postMortem,
  policy,
}: {
  postMortem: PostMortem;
  policy: SlaPolicy;
}) {
  const [at, setAt] = useState('');
  const [text, setText] = useState('');
  const { busy, fieldErrors, formError, submit } = useSubmit();
  return (
    <section className="panel" aria-labelledby="timeline-heading">
      <h2 id="timeline-heading">Timeline</h2>
      {postMortem.timeline.length === 0 ? <p className="empty">No entries yet.</p> : null}
      <ol className="postmortem-timeline" aria-label="Timeline entries">
        {postMortem.timeline.map((entry) => (
          <li key={entry.id}>
            <time dateTime={entry.at}>{formatZoned(Date.parse(entry.at), policy.timeZone)}</time>
            <span className="timeline-text">{entry.text}</span>
            <button
              type="button"
              className="button small danger-quiet"
              aria-label={`Remove timeline entry: ${entry.text}`}
              onClick={() =>
                void removeTimelineEntry(postMortem.id, entry.id).catch((error: unknown) =>
                  notifyError(error),
                )
              }
            >
              Remove
            </button>
          </li>
        ))}
      </ol>
      <form
        className="inline-form"
        aria-label="Add a timeline entry"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          // Cleared at once so the next entry can be typed while this one is saved.
          const draft = { at, text };
          setAt('');
          setText('');
          void submit(() =>
            addTimelineEntry(postMortem.id, {
              at: localToIso(draft.at, policy.timeZone),
              text: draft.text,
            }),
          ).then((done) => {
            if (!done) {
              setAt(draft.at);
              setText(draft.text);
            }
          });
        }}
      >
        <TextField
          label={`When (${policy.timeZone})`}
          type="datetime-local"
          value={at}
          onChange={(event) => setAt(event.target.value)}
          error={fieldErrors['at'] ? 'choose a date and time' : undefined}
        />
        <TextField
          label="What happened"
          value={text}
          onChange={(event) => setText(event.target.value)}
          error={fieldErrors['text']}
          maxLength={2000}
        />
        <button type="submit" className="button" disabled={busy}>
          Add entry
        </button>
      </form>
      <FormError message={formError} />
    </section>
  );
}
