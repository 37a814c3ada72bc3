import type { ByteChunks } from '../bytes';
import { textLines } from '../bytes';
import { stripAnsi } from '../ansi';
import { SummaryBuilder, isoDate } from '../builder';
import type { EvidenceSummary, FormatId } from '../model';

/**
 * Plain-text evidence. CI job logs (GitHub Actions, GitLab CI) are kept as text; the summary
 * counts lines, errors and warnings and picks up the commit and branch the job checked out.
 * Gherkin features count their scenarios. Other text is counted and stored.
 */

const GITLAB_CHECKOUT = /Checking out ([0-9a-f]{7,40}) as (.+?)\.\.\./;
const GITHUB_TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T[\d:.]{8,20}Z) /;

export async function parseCiLog(chunks: ByteChunks, variant: string): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('ci-log', variant || 'CI job log');
  let lines = 0;
  let errors = 0;
  let warnings = 0;
  let firstTime: string | null = null;
  for await (const raw of textLines(chunks)) {
    lines += 1;
    const line = stripAnsi(raw);
    const stamp = GITHUB_TIMESTAMP.exec(line)?.[1];
    if (stamp && firstTime === null) firstTime = stamp;
    const body = stamp ? line.slice(stamp.length + 1) : line;
    if (/^##\[error\]|^ERROR:|^Error: /.test(body)) errors += 1;
    else if (/^##\[warning\]|^WARNING:/.test(body)) warnings += 1;
    const gitlab = GITLAB_CHECKOUT.exec(body);
    if (gitlab) {
      summary.origin.commit ??= gitlab[1];
      const ref = gitlab[2] ?? '';
      summary.origin.branch ??=
        /\(ref is (.+)\)/.exec(ref)?.[1] ?? ref.replace(/^(?:detached HEAD |ref )+/, '');
    }
    const runner = /^Running with gitlab-runner (\S+)/.exec(body);
    if (runner) summary.setTool('GitLab Runner', runner[1]);
    const githubRunner = /^Current runner version: '([^']+)'/.exec(body);
    if (githubRunner) summary.setTool('GitHub Actions runner', githubRunner[1]);
    const head = /^HEAD is now at ([0-9a-f]{7,40}) /.exec(body);
    if (head) summary.origin.commit ??= head[1];
    const checkout = /git checkout --progress --force -B (\S+) /.exec(body);
    if (checkout) summary.origin.branch ??= checkout[1];
    const job = /^Executing "step_script" stage of the job script|^##\[group\]Run (.+)$/.exec(body);
    if (job?.[1] && summary.origin.job === undefined) summary.origin.job = job[1].slice(0, 200);
    const exit =
      /^(?:ERROR: )?Job failed: (.+)$|^##\[error\]Process completed with exit code (\d+)/.exec(
        body,
      );
    if (exit) summary.details['failure'] = (exit[1] ?? `exit code ${exit[2] ?? ''}`).slice(0, 200);
    if (/^Job succeeded$/.test(body)) summary.details['result'] = 'succeeded';
  }
  summary.producedAt = isoDate(firstTime);
  summary.details['lines'] = lines;
  summary.details['errors'] = errors;
  summary.details['warnings'] = warnings;
  if (summary.details['failure'] !== undefined) summary.details['result'] = 'failed';
  return summary.build();
}

export async function parsePlainText(
  chunks: ByteChunks,
  format: FormatId,
  variant: string,
): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder(format, variant);
  let lines = 0;
  let scenarios = 0;
  let features = 0;
  for await (const line of textLines(chunks)) {
    lines += 1;
    if (format === 'gherkin') {
      const trimmed = line.trim();
      if (/^(?:Feature|Ability|Business Need):/.test(trimmed)) features += 1;
      if (/^(?:Scenario|Scenario Outline|Scenario Template|Example):/.test(trimmed)) scenarios += 1;
    }
  }
  summary.details['lines'] = lines;
  if (lines === 0) summary.scanIncomplete('The file is empty.');
  if (format === 'gherkin') {
    summary.details['features'] = features;
    summary.details['scenarios'] = scenarios;
  }
  return summary.build();
}

/** Files kept only by their hash and a safe preview (images, PDFs, anything binary). */
export function opaqueSummary(format: FormatId, variant: string, size: number): EvidenceSummary {
  const summary = new SummaryBuilder(format, variant);
  summary.details['bytes'] = size;
  return summary.build();
}
