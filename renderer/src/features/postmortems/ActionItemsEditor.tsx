import { useState } from 'react';
import { useLocation } from 'wouter';
import type { Priority, PostMortem, SlaPolicy } from '../../../../core/model';
import { PRIORITIES, issueKey } from '../../../../core/model';
import { addCalendarDays, localDate } from '../../../../core/time/zoned';
import { notifyError } from '../../app/notifications';
import { SelectField, TextField } from '../../components/Field';
import { FormError } from '../../components/FormFooter';
import { useSubmit } from '../../components/useSubmit';
import { STATUS_LABELS } from '../issues/labels';
import { useIssuesById } from '../issues/queries';
import { selectIssue } from '../issues/selection';
import { useNow } from '../issues/useNow';
import { addActionItem, removeActionItem } from './commands';

/** Action items: each one is raised as a security issue with its owner and due date. */
export function ActionItemsEditor({
  postMortem,
  policy,
}: {
  postMortem: PostMortem;
  policy: SlaPolicy;
}) {
  const [, navigate] = useLocation();
  const now = useNow(60_000);
  const [title, setTitle] = useState('');
  const [owner, setOwner] = useState('');
  const [dueDate, setDueDate] = useState(addCalendarDays(localDate(now, policy.timeZone), 14));
  const [priority, setPriority] = useState<Priority>('P3');
  const { busy, fieldErrors, formError, submit } = useSubmit();
  const issues = useIssuesById(
    postMortem.actionItems.flatMap((action) => (action.issueId ? [action.issueId] : [])),
  );
  return (
    <section className="panel" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Action items</h2>
      {postMortem.actionItems.length === 0 ? (
        <p className="empty">No actions yet. Each action becomes a tracked issue.</p>
      ) : null}
      {postMortem.actionItems.length > 0 ? (
        <table className="table" aria-label="Action items">
          <thead>
            <tr>
              <th scope="col">Action</th>
              <th scope="col">Owner</th>
              <th scope="col">Due</th>
              <th scope="col">Issue</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {postMortem.actionItems.map((action) => {
              const issue = action.issueId ? issues.data?.get(action.issueId) : undefined;
              return (
                <tr key={action.id}>
                  <th scope="row">{action.title}</th>
                  <td>{action.owner}</td>
                  <td className="nowrap">{action.dueDate}</td>
                  <td className="nowrap">
                    {issue ? (
                      <button
                        type="button"
                        className="link-button"
                        onClick={() => {
                          selectIssue(issue.id);
                          navigate('~/issues');
                        }}
                      >
                        {issueKey(issue)}
                      </button>
                    ) : (
                      '—'
                    )}
                    {issue ? <span className="muted"> {STATUS_LABELS[issue.status]}</span> : null}
                  </td>
                  <td className="row-actions">
                    <button
                      type="button"
                      className="button small danger-quiet"
                      aria-label={`Remove action ${action.title}`}
                      onClick={() =>
                        void removeActionItem(postMortem.id, action.id).catch((error: unknown) =>
                          notifyError(error),
                        )
                      }
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      ) : null}
      <form
        className="inline-form"
        aria-label="Add an action item"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          // Cleared at once so the next action can be typed while this one is saved; a refused
          // action comes back into the fields with its messages.
          const draft = { title, owner, dueDate, priority };
          setTitle('');
          setOwner('');
          void submit(() => addActionItem(postMortem.id, draft)).then((done) => {
            if (!done) {
              setTitle(draft.title);
              setOwner(draft.owner);
            }
          });
        }}
      >
        <TextField
          label="Action"
          value={title}
          onChange={(event) => setTitle(event.target.value)}
          error={fieldErrors['title']}
          maxLength={200}
        />
        <TextField
          label="Owner"
          value={owner}
          onChange={(event) => setOwner(event.target.value)}
          error={fieldErrors['owner']}
          maxLength={120}
        />
        <TextField
          label="Due date"
          type="date"
          value={dueDate}
          onChange={(event) => setDueDate(event.target.value)}
          error={fieldErrors['dueDate']}
        />
        <SelectField
          label="Priority"
          value={priority}
          onChange={(event) => setPriority(event.target.value as Priority)}
        >
          {PRIORITIES.map((value) => (
            <option key={value} value={value}>
              {value}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button" disabled={busy}>
          Add action
        </button>
      </form>
      <FormError message={formError} />
    </section>
  );
}
