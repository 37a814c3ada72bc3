import { controlsReportContribution } from '../controls/reportContribution';
import { demoReportContribution } from '../demos/reportContribution';
import { evidenceReportContribution } from '../evidence/reportContribution';
import { issuesReportContribution } from '../issues/reportContribution';
import { postMortemReportContribution } from '../postmortems/reportContribution';
import { telemetryChartsReportContribution } from '../telemetry/reportContribution';
import type { ReportContributor } from './assemble';

/**
 * The one place the features' report contributions are listed, in the order they run: the demo
 * record first (demos, agenda, verdicts, and the evidence and issues as the demo recorded them),
 * then the stores that complete those (evidence, issues), the control scope and titles (which
 * need every control the others named), the telemetry charts among the evidence, and the
 * post-mortem document.
 */
export const APP_REPORT_CONTRIBUTORS: readonly ReportContributor[] = [
  demoReportContribution,
  evidenceReportContribution,
  issuesReportContribution,
  controlsReportContribution,
  telemetryChartsReportContribution,
  postMortemReportContribution,
];
