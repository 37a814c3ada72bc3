import type { ByteChunks } from '../bytes';
import { SummaryBuilder, isoDate, numberOrNull, shorten } from '../builder';
import type { EvidenceSummary, TestStatus } from '../model';
import type { XmlElement } from '../xml';
import { readXml } from '../xml';

/**
 * JUnit XML in its dialects: Maven Surefire (flaky reruns as flakyFailure/flakyError, failed
 * reruns as rerunFailure/rerunError), Ant and Eclipse, pytest xunit1/xunit2, jest-junit and
 * node:test. Counts come from the test cases themselves, not from the suites' own attributes,
 * which tools fill inconsistently.
 */

interface CaseState {
  name: string;
  classname: string;
  time: number | null;
  outcome: 'failed' | 'errored' | 'skipped' | null;
  flaky: boolean;
  message: string | null;
}

const OUTCOME_ELEMENTS: Record<string, 'failed' | 'errored' | 'skipped' | 'flaky' | 'rerun'> = {
  failure: 'failed',
  error: 'errored',
  skipped: 'skipped',
  flakyFailure: 'flaky',
  flakyError: 'flaky',
  rerunFailure: 'rerun',
  rerunError: 'rerun',
};

export async function parseJunit(chunks: ByteChunks): Promise<EvidenceSummary> {
  const summary = new SummaryBuilder('junit');
  summary.enableTests();
  const suiteNames: string[] = [];
  let current: CaseState | null = null;
  let dialect = '';

  const noteDialect = (element: XmlElement): void => {
    if (dialect) return;
    const { attrs } = element;
    if (attrs['noNamespaceSchemaLocation']?.includes('surefire')) dialect = 'Maven Surefire';
    else if (element.name === 'testsuites' && attrs['name'] === 'pytest tests') dialect = 'pytest';
    else if (element.name === 'testsuites' && attrs['name'] === 'jest tests')
      dialect = 'jest-junit';
    else if (element.name === 'testsuite' && 'disabled' in attrs && 'hostname' in attrs)
      dialect = 'node:test';
    else if (element.name === 'testsuite' && 'package' in attrs && 'id' in attrs) dialect = 'Ant';
  };

  await readXml(chunks, {
    open(element) {
      const { name, attrs } = element;
      if (name === 'testsuites' || name === 'testsuite') noteDialect(element);
      if (name === 'testsuite') {
        const topLevel = !element.parents.includes('testsuite');
        summary.addSuite(topLevel ? numberOrNull(attrs['time']) : null);
        suiteNames.push(attrs['name'] ?? '');
        summary.producedAt ??= isoDate(attrs['timestamp']);
        if (attrs['hostname'] && attrs['hostname'] !== 'localhost')
          summary.target ??= attrs['hostname'];
        if (attrs['file'] !== undefined && /pytest/.test(attrs['file'])) dialect ||= 'pytest';
      } else if (name === 'testcase') {
        if ('file' in attrs && 'line' in attrs) dialect ||= 'pytest (xunit1)';
        current = {
          name: attrs['name'] ?? '',
          classname: attrs['classname'] ?? '',
          time: numberOrNull(attrs['time']),
          outcome: null,
          flaky: false,
          // node:test repeats the failure on the test case itself.
          message: attrs['failure'] ?? null,
        };
        if (attrs['failure'] !== undefined) current.outcome = 'failed';
      } else if (current && element.parents[element.parents.length - 1] === 'testcase') {
        const kind = OUTCOME_ELEMENTS[name];
        if (kind === 'flaky') current.flaky = true;
        else if (kind === 'failed' || kind === 'errored' || kind === 'skipped') {
          // An error outranks a failure, which outranks a skip.
          const rank = { skipped: 1, failed: 2, errored: 3 } as const;
          if (current.outcome === null || rank[kind] > rank[current.outcome])
            current.outcome = kind;
          current.message ??= attrs['message'] ?? null;
        } else if (kind === 'rerun' && current.outcome === null) {
          current.outcome = 'failed';
        }
      }
    },
    close(element, text) {
      if (element.name === 'testsuite') suiteNames.pop();
      else if (current && element.parents[element.parents.length - 1] === 'testcase') {
        if (OUTCOME_ELEMENTS[element.name] !== undefined && current.message === null && text) {
          current.message = text.split('\n')[0] ?? null;
        }
      } else if (element.name === 'testcase' && current) {
        const test: CaseState = current;
        current = null;
        const status: TestStatus = test.outcome ?? (test.flaky ? 'flaky' : 'passed');
        const suite = test.classname || suiteNames.filter(Boolean).join(' › ');
        summary.addTest({
          suite,
          name: test.name,
          status,
          durationSeconds: test.time,
          message: test.message === null ? null : shorten(test.message),
        });
      }
    },
  });
  summary.variant = dialect || 'JUnit XML';
  return summary.build();
}
