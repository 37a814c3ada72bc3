import { useState } from 'react';
import type { IssueStatus, SecurityIssue, SlaPolicy } from '../../../../core/model';
import type { StatusChangeRequest } from '../../../../core/issues/workflow';
import { allowedTransitions } from '../../../../core/issues/workflow';
import { addCalendarDays, localDate } from '../../../../core/time/zoned';
import { Dialog } from '../../components/Dialog';
import { TextAreaField, TextField } from '../../components/Field';
import { FormError, FormFooter } from '../../components/FormFooter';
import { useSubmit } from '../../components/useSubmit';
import { changeIssueStatus } from './commands';
import { useNow } from './useNow';

const ACTION_LABELS: Readonly<Record<IssueStatus, string>> = {
  open: 'Reopen',
  'in-progress': 'Start work',
  fixed: 'Mark fixed',
  verified: 'Mark verified',
  closed: 'Close',
  'risk-accepted': 'Accept risk',
};

/** What needs more than one click: a reason to close, the terms of a risk acceptance. */
type Asking = { to: 'closed' } | { to: 'risk-accepted' } | null;

/** Buttons for the moves the workflow allows from the issue's status. */
export function StatusActions({ issue, policy }: { issue: SecurityIssue; policy: SlaPolicy }) {
  const [asking, setAsking] = useState<Asking>(null);
  const { busy, formError, submit } = useSubmit();
  const moves = allowedTransitions(issue).filter(
    // Verifying an unfixed issue needs evidence: that goes through the verification suggestion.
    (to) => !(to === 'verified' && issue.status !== 'fixed'),
  );
  const move = (request: StatusChangeRequest) => {
    void submit(async () => {
      await changeIssueStatus(issue.id, request);
    });
  };
  return (
    <div className="status-actions" role="group" aria-label="Change status">
      {moves.map((to) => (
        <button
          key={to}
          type="button"
          className={to === 'fixed' || to === 'verified' ? 'button primary' : 'button'}
          disabled={busy}
          onClick={() => {
            if (to === 'closed' && issue.status !== 'verified') setAsking({ to: 'closed' });
            else if (to === 'risk-accepted') setAsking({ to: 'risk-accepted' });
            else move({ to });
          }}
        >
          {ACTION_LABELS[to]}
        </button>
      ))}
      <FormError message={formError} />
      <CloseDialog open={asking?.to === 'closed'} issue={issue} onClose={() => setAsking(null)} />
      <RiskDialog
        open={asking?.to === 'risk-accepted'}
        issue={issue}
        policy={policy}
        onClose={() => setAsking(null)}
      />
    </div>
  );
}

function CloseDialog({
  open,
  issue,
  onClose,
}: {
  open: boolean;
  issue: SecurityIssue;
  onClose: () => void;
}) {
  const [reason, setReason] = useState('');
  const { busy, formError, submit } = useSubmit();
  return (
    <Dialog open={open} title="Close without verification" onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit(() =>
            changeIssueStatus(issue.id, { to: 'closed', reason }).then(() => undefined),
          ).then((done) => {
            if (done) onClose();
          });
        }}
      >
        <p>
          This issue was not verified. Say why it can be closed all the same; the reason is kept in
          its history.
        </p>
        <TextAreaField
          label="Reason"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          rows={3}
          required
        />
        <FormFooter error={formError} onCancel={onClose} disabled={busy}>
          Close issue
        </FormFooter>
      </form>
    </Dialog>
  );
}

function RiskDialog({
  open,
  issue,
  policy,
  onClose,
}: {
  open: boolean;
  issue: SecurityIssue;
  policy: SlaPolicy;
  onClose: () => void;
}) {
  const today = localDate(useNow(60_000), policy.timeZone);
  const [approver, setApprover] = useState('');
  const [reason, setReason] = useState('');
  const [expiresOn, setExpiresOn] = useState(addCalendarDays(today, 90));
  const { busy, formError, submit } = useSubmit();
  return (
    <Dialog open={open} title="Accept the risk" onClose={onClose}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          void submit(() =>
            changeIssueStatus(issue.id, { to: 'risk-accepted', approver, reason, expiresOn }).then(
              () => undefined,
            ),
          ).then((done) => {
            if (done) onClose();
          });
        }}
      >
        <p>
          The SLA clock pauses until the expiry date; at midnight after it ({policy.timeZone}) the
          issue reopens by itself.
        </p>
        <TextField
          label="Approver"
          value={approver}
          onChange={(event) => setApprover(event.target.value)}
          required
          maxLength={120}
        />
        <TextAreaField
          label="Reason"
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          rows={3}
          required
        />
        <TextField
          label="Expires on"
          type="date"
          min={today}
          value={expiresOn}
          onChange={(event) => setExpiresOn(event.target.value)}
          required
        />
        <FormFooter error={formError} onCancel={onClose} disabled={busy}>
          Accept risk
        </FormFooter>
      </form>
    </Dialog>
  );
}
