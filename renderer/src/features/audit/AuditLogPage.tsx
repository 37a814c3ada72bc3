import { useMemo, useState } from 'react';
import { Link } from 'wouter';
import { useRegisterCommands } from '../../app/commands/registry';
import { AuditEntryRows } from './AuditEntryRows';
import { AuditFilters, FIRST_FILTER_ATTRIBUTE } from './AuditFilters';
import type { AuditCursor, AuditFilter } from './log-query';
import { useAuditPage } from './queries';
import { VerifyPanel } from './VerifyPanel';
import './audit.css';
import { FormError } from '../../components/FormFooter';

/**
 * The browsable audit log: filters by entity (and record), actor, action and time; a page of
 * entries at a time, newest first, read through the matching index so a long log stays fast.
 */
export function AuditLogPage() {
  const [filter, setFilter] = useState<AuditFilter>({});
  const [cursor, setCursor] = useState<AuditCursor>({ kind: 'latest' });
  const [focusSeq, setFocusSeq] = useState<number | null>(null);
  const [goTo, setGoTo] = useState('');
  const page = useAuditPage(filter, cursor);
  const entries = page.data?.entries ?? [];

  const applyFilter = (next: AuditFilter): void => {
    setFilter(next);
    setCursor({ kind: 'latest' });
    setFocusSeq(null);
  };
  const showEntry = (seq: number): void => {
    setFilter({});
    setCursor({ kind: 'at', seq });
    setFocusSeq(seq);
  };
  const showHistory = (entity: string, key: string): void => applyFilter({ entity, key });
  const newer = (): void => {
    const first = entries[0];
    if (page.data?.hasNewer && first) setCursor({ kind: 'newer', than: first.seq });
  };
  const older = (): void => {
    const last = entries.at(-1);
    if (page.data?.hasOlder && last) setCursor({ kind: 'older', than: last.seq });
  };

  const commands = useMemo(
    () => [
      {
        id: 'audit.newer',
        title: 'Newer audit entries',
        section: 'Audit log',
        shortcut: '[',
        run: newer,
      },
      {
        id: 'audit.older',
        title: 'Older audit entries',
        section: 'Audit log',
        shortcut: ']',
        run: older,
      },
      {
        id: 'audit.filter',
        title: 'Filter the audit log',
        section: 'Audit log',
        shortcut: '/',
        run: () => document.querySelector<HTMLElement>(`[${FIRST_FILTER_ATTRIBUTE}]`)?.focus(),
      },
    ],
    // The handlers read the current page; re-register when it changes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [page.data],
  );
  useRegisterCommands(commands);

  return (
    <div className="page">
      <header className="page-header">
        <p className="breadcrumb">
          <Link href="/">Settings</Link> / Audit log
        </p>
        <h1>Audit log</h1>
        <p className="lead">
          Who changed what, when, and how: every change to the ledger, linked into a hash chain.
        </p>
      </header>
      <VerifyPanel title="Integrity" onShowEntry={showEntry} onShowHistory={showHistory} />
      <AuditFilters value={filter} onChange={applyFilter} />
      <section className="panel" aria-labelledby="entries-heading">
        <div className="panel-header">
          <h2 id="entries-heading">Entries</h2>
          <form
            className="go-to-entry"
            onSubmit={(event) => {
              event.preventDefault();
              const seq = Number.parseInt(goTo, 10);
              if (Number.isSafeInteger(seq) && seq > 0) showEntry(seq);
            }}
          >
            <label htmlFor="go-to-entry">Go to entry</label>
            <input
              id="go-to-entry"
              inputMode="numeric"
              pattern="[0-9]*"
              value={goTo}
              onChange={(event) => setGoTo(event.target.value)}
            />
            <button type="submit" className="button small">
              Go
            </button>
          </form>
        </div>
        <FormError message={page.error?.message} />
        {page.data && entries.length === 0 ? (
          <p className="empty">No entries match these filters.</p>
        ) : null}
        {entries.length > 0 ? (
          <AuditEntryRows entries={entries} focusSeq={focusSeq} onShowHistory={showHistory} />
        ) : null}
        <nav className="pager" aria-label="Audit log pages">
          <button
            type="button"
            className="button"
            disabled={!page.data?.hasNewer}
            onClick={newer}
            aria-keyshortcuts="["
          >
            ← Newer
          </button>
          <span className="muted" aria-live="polite">
            {entries.length > 0
              ? `Entries ${entries[0]?.seq ?? ''}–${entries.at(-1)?.seq ?? ''}`
              : ''}
          </span>
          <button
            type="button"
            className="button"
            disabled={!page.data?.hasOlder}
            onClick={older}
            aria-keyshortcuts="]"
          >
            Older →
          </button>
        </nav>
      </section>
    </div>
  );
}
