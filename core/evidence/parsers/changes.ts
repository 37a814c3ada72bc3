import { CHANGE_TOOL_NAMES, ChangeReportError, totalChanges } from '../../change-reports/model';
import type { ChangeReport } from '../../change-reports/model';
import { ChangeReportReader } from '../../change-reports/reader';
import type { ByteChunks } from '../bytes';
import { EvidenceParseError, decodeText } from '../bytes';
import { SummaryBuilder } from '../builder';
import { changeDialectOf } from '../detect-changes';
import type { EvidenceSummary, Severity } from '../model';

/**
 * Puppet and Chef Infra runs, AIDE and Tripwire checks, OSSEC/Wazuh alerts as evidence: the
 * report is read by core/change-reports (the same reader the Telemetry area imports through)
 * and summarised as its changes, dated by the tool's own time. OSSEC/Wazuh alerts that are not
 * file changes become findings of kind `alert`, rated by their rule level.
 */
export async function parseChangeReport(
  chunks: ByteChunks,
  variant: string,
): Promise<EvidenceSummary> {
  const reader = new ChangeReportReader({ dialect: changeDialectOf(variant) });
  let report: ChangeReport;
  try {
    for await (const text of decodeText(chunks)) reader.push(text);
    report = reader.finish();
  } catch (error) {
    if (error instanceof ChangeReportError) throw new EvidenceParseError(error.message);
    throw error;
  }
  return summaryOfReport(report);
}

export function summaryOfReport(report: ChangeReport): EvidenceSummary {
  const summary = new SummaryBuilder(report.tool, report.variant);
  summary.setTool(CHANGE_TOOL_NAMES[report.tool], report.version);
  summary.producedAt =
    report.producedAt === null ? null : new Date(report.producedAt).toISOString();
  summary.target = report.host === '' ? null : report.host;
  summary.changes = {
    total: totalChanges(report.counts),
    ...report.counts,
    status: report.status,
    items: report.items,
  };
  summary.details['status'] = report.status;
  Object.assign(summary.details, report.details);
  for (const note of report.notes) summary.note(note);
  if (report.zoneAssumed)
    summary.note(
      `${CHANGE_TOOL_NAMES[report.tool]} wrote the report time without a time zone; it was read as UTC.`,
    );
  if (report.producedAt === null) summary.note('The report does not say when the tool ran.');
  if (report.alertCount > 0) {
    summary.enableFindings();
    for (const alert of report.alerts) {
      summary.addFinding({
        kind: 'alert',
        rule: alert.ruleId,
        title: alert.description || `Rule ${alert.ruleId}`,
        severity: levelSeverity(alert.level),
        location: [alert.host, alert.location].filter(Boolean).join(' ') || 'host',
        component: null,
        message: `level ${alert.level}${alert.at === null ? '' : ` at ${new Date(alert.at).toISOString()}`}`,
        identity: { ruleId: alert.ruleId, host: alert.host, location: alert.location },
      });
    }
  }
  return summary.build();
}

/** OSSEC/Wazuh rule levels (0–15) in severity bands; see README, Evidence formats. */
export function levelSeverity(level: number): Severity {
  if (level >= 15) return 'critical';
  if (level >= 12) return 'high';
  if (level >= 7) return 'medium';
  if (level >= 4) return 'low';
  return 'info';
}
