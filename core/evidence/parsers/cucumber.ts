import type { ByteChunks } from '../bytes';
import { SummaryBuilder, list, record, shorten, text } from '../builder';
import type { EvidenceSummary, TestStatus } from '../model';
import { readJson } from '../json';

/**
 * Cucumber JSON (cucumber-js, cucumber-jvm), the report Gauntlt attack runs produce. Each
 * scenario is a test; a failing step or hook fails it; undefined or ambiguous steps are errors;
 * pending or skipped steps alone skip it. A Background's outcome carries into its scenario.
 */

const STEP_RANK: Record<string, number> = {
  passed: 0,
  skipped: 1,
  pending: 1,
  undefined: 2,
  ambiguous: 2,
  failed: 3,
};

export function scenarioStatus(stepStatuses: readonly string[]): TestStatus {
  let rank = 0;
  for (const status of stepStatuses) rank = Math.max(rank, STEP_RANK[status] ?? 2);
  if (rank === 3) return 'failed';
  if (rank === 2) return 'errored';
  if (rank === 1) return 'skipped';
  return 'passed';
}

export async function parseCucumber(chunks: ByteChunks): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('cucumber', 'Cucumber JSON');
  summary.enableTests();
  let background: string[] = [];
  let features = 0;
  let lastFeature = -1;
  await readJson(chunks, {
    paths: ['$.*.elements.*'],
    onValue(path, value) {
      const feature = Number(path[0]);
      if (feature !== lastFeature) {
        lastFeature = feature;
        features += 1;
        summary.addSuite();
        background = [];
      }
      const element = record(value);
      const statuses: string[] = [];
      let message: string | null = null;
      for (const group of ['before', 'steps', 'after']) {
        for (const raw of list(element[group])) {
          const result = record(record(raw)['result']);
          const status = text(result['status']);
          statuses.push(status);
          if (status === 'failed' && message === null)
            message = text(result['error_message']) || null;
        }
      }
      if (text(element['type']) === 'background') {
        background = statuses;
        return;
      }
      const id = text(element['id']);
      const suite = id.includes(';') ? id.slice(0, id.indexOf(';')) : `feature ${feature + 1}`;
      summary.addTest({
        key: `${suite}›${text(element['name'])}›${text(element['line'])}`,
        suite,
        name: text(element['name']),
        status: scenarioStatus([...background, ...statuses]),
        durationSeconds: null,
        message: message === null ? null : shorten(message),
      });
      background = [];
    },
  });
  summary.details['features'] = features;
  return summary.build();
}
