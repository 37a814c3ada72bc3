import { useMemo, useState } from 'react';
import { Link, useLocation } from 'wouter';
import { suggestControls } from '../../../../core/evidence/controls';
import type { EvidenceSummary } from '../../../../core/evidence/model';
import type { Evidence } from '../../../../core/model';
import { useRegisterCommands } from '../../app/commands/registry';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ReadingFlagAlert } from '../../components/ReadingFlag';
import { readingFlagOf } from '../../../../core/evidence/readers';
import { secretsInClear } from '../../../../core/evidence/secrets';
import { ChartPanel } from './ChartPanel';
import { formatBytes, formatDateTime, formatDayOf } from '../../lib/format';
import { useControlLibrary } from '../controls/library';
import { deleteEvidence } from './commands';
import { DriftView } from './DriftView';
import { LinksPanel } from './LinksPanel';
import { CustodyPanel } from './CustodyPanel';
import { PeriodPanel } from './PeriodPanel';
import { ExpectedPortsForm, MetadataForm } from './MetadataForm';
import {
  previousVersion,
  useDrift,
  useEvidence,
  useLinksOf,
  useSource,
  useSummary,
  useVersions,
} from './queries';
import { RawViewer } from './RawViewer';
import { SummaryCounts } from './SummaryCounts';
import type { FindingIssueSlot } from './slots';
import type { FindingIssueActions } from './SummaryTables';
import { SummaryTables } from './SummaryTables';

/** One piece of evidence: integrity, summary, drift, tables, raw content and where it is used. */
export function EvidenceDetail({
  evidenceId,
  findingIssues,
}: {
  evidenceId: string;
  findingIssues?: FindingIssueSlot | undefined;
}) {
  const evidence = useEvidence(evidenceId);
  if (evidence.isLoading && evidence.data === undefined)
    return <p className="muted page">Loading…</p>;
  if (evidence.error) throw evidence.error;
  if (!evidence.data) {
    return (
      <div className="page">
        <h1>Evidence not found</h1>
        <p>
          It may have been deleted. <Link href="/">Back to the evidence list</Link>
        </p>
      </div>
    );
  }
  return <EvidenceView evidence={evidence.data} findingIssues={findingIssues} />;
}

function EvidenceView({
  evidence,
  findingIssues,
}: {
  evidence: Evidence;
  findingIssues?: FindingIssueSlot | undefined;
}) {
  const [, navigate] = useLocation();
  const summary = useSummary(evidence.sha256);
  const flagged = summary.data ? readingFlagOf(summary.data) : null;
  const links = useLinksOf(evidence.id);
  const versions = useVersions(evidence);
  const source = useSource(evidence.workspaceId, evidence.sourceKey);
  const [compareWith, setCompareWith] = useState<string>('');
  const [deleting, setDeleting] = useState(false);
  const previous = previousVersion(evidence, versions.data ?? []);
  const other = (versions.data ?? []).find((row) => row.id === compareWith) ?? previous;
  const drift = useDrift(other?.sha256, evidence.sha256, source.data?.expectedPorts);
  // The catalogs (the DevOps baseline) name the formats that demonstrate their controls.
  const { library } = useControlLibrary();
  const suggestions = useMemo(
    () => (summary.data ? suggestControls(summary.data, library) : []),
    [summary.data, library],
  );
  const commands = useMemo(
    () => [
      {
        id: 'evidence.back',
        title: 'Back to the evidence list',
        section: 'Evidence',
        shortcut: 'Alt+B',
        run: () => navigate('/'),
      },
    ],
    [navigate],
  );
  useRegisterCommands(commands);

  return (
    <div className="page">
      <header className="page-header page-header-row">
        <div>
          <p className="breadcrumb">
            <Link href="/">Evidence</Link>
          </p>
          <h1 className="wrap">{evidence.fileName}</h1>
          <p className="lead">
            {evidence.variant || evidence.format} · {formatBytes(evidence.size)} · attached by{' '}
            {evidence.attachedBy} on {formatDayOf(evidence.attachedAt)}
          </p>
        </div>
        <button type="button" className="button danger-quiet" onClick={() => setDeleting(true)}>
          Delete…
        </button>
      </header>
      {flagged ? <ReadingFlagAlert flag={flagged.flag} reason={flagged.reason} /> : null}
      <section className="panel" aria-labelledby="integrity-heading">
        <h2 id="integrity-heading">Integrity</h2>
        <dl className="facts">
          <dt>SHA-256</dt>
          <dd>
            <code className="hash" data-testid="evidence-sha256">
              {evidence.sha256}
            </code>
          </dd>
          {evidence.redactedFrom ? (
            <>
              <dt>Redacted from</dt>
              <dd>
                <code className="hash" data-testid="evidence-original-sha256">
                  {evidence.redactedFrom.sha256}
                </code>{' '}
                <span className="muted">
                  (the file as attached; {evidence.redactedFrom.secrets} secret
                  {evidence.redactedFrom.secrets === 1 ? '' : 's'} replaced, its bytes not stored)
                </span>
              </dd>
            </>
          ) : null}
        </dl>
        {summary.data && secretsInClear(summary.data) > 0 ? (
          <p className="form-error" role="alert">
            This stored file holds {secretsInClear(summary.data)} credential secret
            {secretsInClear(summary.data) === 1 ? '' : 's'} in clear (never shown here). Backups,
            bundles and reports that embed it carry them too.
          </p>
        ) : null}
        {evidence.parseError ? (
          <p className="form-error" role="alert">
            The file is stored and attached, but could not be summarised: {evidence.parseError}
          </p>
        ) : null}
      </section>
      <CustodyPanel custody={evidence.custody ?? []} />
      <PeriodPanel key={`period-${evidence.updatedAt}`} evidence={evidence} />
      {/* A failed scan shows no counts: zero findings would read as a clean result. */}
      {summary.data && flagged?.flag !== 'failed' ? <SummaryCounts summary={summary.data} /> : null}
      {versions.data && versions.data.length > 1 ? (
        <section className="panel" aria-labelledby="drift-heading">
          <div className="panel-header">
            <h2 id="drift-heading">{other ? `Changes since ${other.fileName}` : 'Changes'}</h2>
            <label>
              Compare with{' '}
              <select value={compareWith} onChange={(event) => setCompareWith(event.target.value)}>
                <option value="">
                  {previous ? `the previous version (${previous.fileName})` : 'choose a version'}
                </option>
                {versions.data
                  .filter((row) => row.id !== evidence.id)
                  .map((row) => (
                    <option key={row.id} value={row.id}>
                      {row.fileName} ({formatDateTime(row.attachedAt)})
                    </option>
                  ))}
              </select>
            </label>
          </div>
          {drift.data ? (
            <DriftView drift={drift.data} />
          ) : (
            <p className="muted">Nothing to compare yet.</p>
          )}
        </section>
      ) : null}
      {summary.data?.hosts ? (
        <section className="panel" aria-labelledby="expected-heading">
          <h2 id="expected-heading">Expected ports for this source</h2>
          <ExpectedPortsForm
            key={source.data?.updatedAt ?? 'none'}
            workspaceId={evidence.workspaceId}
            sourceKey={evidence.sourceKey}
            current={source.data?.expectedPorts ?? []}
          />
        </section>
      ) : null}
      <LinksPanel evidenceId={evidence.id} links={links.data ?? []} suggestions={suggestions} />
      {summary.data?.chart ? <ChartPanel evidence={evidence} chart={summary.data.chart} /> : null}
      {summary.data && flagged?.flag !== 'failed' ? (
        <SummaryTables
          file={evidence}
          summary={summary.data}
          findingIssues={findingIssues && bindFindingIssues(findingIssues, evidence, summary.data)}
        />
      ) : null}
      <MetadataForm key={evidence.updatedAt} evidence={evidence} />
      <RawViewer evidence={evidence} />
      <ConfirmDialog
        open={deleting}
        title="Delete evidence"
        message={`Delete ${evidence.fileName} and its links? The file itself is removed when nothing else uses it.`}
        confirmLabel="Delete evidence"
        onConfirm={async () => {
          await deleteEvidence(evidence.id);
          navigate('/');
        }}
        onClose={() => setDeleting(false)}
      />
    </div>
  );
}

function bindFindingIssues(
  slot: FindingIssueSlot,
  evidence: Evidence,
  summary: EvidenceSummary,
): FindingIssueActions {
  return {
    raise: (finding) => slot.onRaiseIssue(finding, { evidence, summary }),
    raisedIssueOf: slot.raisedIssueOf,
  };
}
