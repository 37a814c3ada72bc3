import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { sourceFromBytes } from '../../../core/evidence/bytes';
import { inspectSource } from '../../../core/evidence/inspect';
import type { FindingSummary } from '../../../core/evidence/model';
import type * as EvidenceQueries from '../../../renderer/src/features/evidence/queries';
import { FindingsPanel } from '../../../renderer/src/features/evidence/FindingsTable';
import type {
  WorkerReply,
  WorkerRequest,
} from '../../../renderer/src/features/evidence/worker-protocol';
import { largeSarif } from '../../support/large-sarif';
import { answerInProcess } from './evidence-worker-support';
import { giveElementsASize } from './layout-support';

/**
 * The findings table over a stored file whose summary lists fewer findings than it holds: it
 * reads the stored file for the rest (the evidence worker, done in-process here), says how many
 * it shows of how many, and says so when the reader's budget stops the list.
 */

/** fake-indexeddb cannot store a Blob: the stored files live here. */
const storedFiles = new Map<string, Blob>();
vi.mock('../../../renderer/src/features/evidence/queries', async (original) => ({
  ...(await original<typeof EvidenceQueries>()),
  readBlob: (sha256: string) => Promise.resolve(storedFiles.get(sha256) ?? null),
}));

class InProcessWorker {
  onmessage: ((event: MessageEvent<WorkerReply>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  postMessage(request: WorkerRequest): void {
    void answerInProcess(request).then((data) =>
      this.onmessage?.({ data } as MessageEvent<WorkerReply>),
    );
  }
  terminate(): void {}
}

const SHA = 'f'.repeat(64);
const TOTAL = 400;
let stored: FindingSummary;

let restoreLayout: () => void;

beforeAll(async () => {
  vi.stubGlobal('Worker', InProcessWorker);
  restoreLayout = giveElementsASize();
  const bytes = largeSarif(TOTAL);
  // A summary that lists only the first 150, as a stored summary lists only MAX_ITEMS.
  const { outcome } = await inspectSource(sourceFromBytes('codeql.sarif', bytes), {
    listLimit: 150,
  });
  if (!outcome.ok || !outcome.summary.findings) throw new Error('the SARIF file did not read');
  stored = outcome.summary.findings;
  storedFiles.set(SHA, new Blob([bytes]));
});
afterAll(() => {
  vi.unstubAllGlobals();
  restoreLayout();
});
afterEach(cleanup);

const count = () => screen.getByTestId('findings-count');

/** Every finding of the file, as the worker reads it. */
async function waitForAll() {
  const reply = await answerInProcess({
    type: 'findings',
    file: storedFiles.get(SHA)!,
    name: 'codeql.sarif',
    limit: TOTAL,
  });
  if (reply.type !== 'findings' || !reply.findings) throw new Error('no findings');
  return reply.findings.items;
}

describe('the findings table', { timeout: 60_000 }, () => {
  it('shows the stored list while reading, then every finding the file holds', async () => {
    render(<FindingsPanel sha256={SHA} fileName="codeql.sarif" findings={stored} />);
    expect(count().textContent).toMatch(/^First 150 of 400 findings shown while the stored file/);
    await waitFor(() => expect(count().textContent).toBe('400 findings.'), { timeout: 30_000 });
    const table = screen.getByRole('table', { name: 'Findings' });
    expect(table.getAttribute('aria-rowcount')).toBe(String(TOTAL + 1));

    // Group by rule: a heading per rule with its count; collapsing one hides its rows.
    fireEvent.change(screen.getByLabelText('Group by'), { target: { value: 'rule' } });
    const firstGroup = within(table).getAllByRole('button', { expanded: true })[0]!;
    const heading = firstGroup.closest('tr')!;
    const rule = firstGroup.textContent?.replace(/^▾ /u, '') ?? '';
    const members = (await waitForAll()).filter((item) => item.rule === rule).length;
    expect(heading.textContent).toContain(`${members} finding`);
    fireEvent.click(firstGroup);
    expect(firstGroup.getAttribute('aria-expanded')).toBe('false');

    // Severity and search filters narrow the count, never the total.
    fireEvent.change(screen.getByLabelText('Group by'), { target: { value: 'none' } });
    const severity = screen.getByLabelText<HTMLSelectElement>('Severity');
    const option = [...severity.options].find((item) => item.value === 'medium')!;
    const medium = Number(/\((\d+)\)/u.exec(option.textContent ?? '')?.[1]);
    fireEvent.change(severity, { target: { value: 'medium' } });
    await waitFor(() => expect(count().textContent).toBe(`${medium} of 400 findings match.`));
    fireEvent.change(severity, { target: { value: 'all' } });
    fireEvent.change(screen.getByLabelText('Search findings'), {
      target: { value: 'MODULE-5/' },
    });
    // Module 5 holds results 360 to 399 of the file (72 a module).
    await waitFor(() => expect(count().textContent).toBe('40 of 400 findings match.'));
    const locations = within(table)
      .getAllByRole('cell')
      .filter((cell) => cell.classList.contains('col-location'));
    expect(locations.length).toBeGreaterThan(0);
    for (const cell of locations)
      expect(cell.querySelector('code')?.getAttribute('title')).toContain('module-5/');
  });

  it('says when the reader’s budget stopped the list, with the exact total', async () => {
    render(
      <FindingsPanel sha256={SHA} fileName="codeql.sarif" findings={stored} readBudget={250} />,
    );
    await waitFor(
      () =>
        expect(count().textContent).toBe(
          "First 250 of 400 findings shown, the file holds more than the reader's budget.",
        ),
      { timeout: 30_000 },
    );
    expect(screen.getByRole('alert').textContent).toMatch(/more findings than the reader's budget/);
  });

  it('a missing stored file leaves the stored list, and says the rest could not be read', async () => {
    render(<FindingsPanel sha256={'0'.repeat(64)} fileName="gone.sarif" findings={stored} />);
    await waitFor(() =>
      expect(count().textContent).toBe(
        'First 150 of 400 findings shown: the rest could not be read.',
      ),
    );
    expect(screen.getByRole('alert').textContent).toContain('the stored file is missing');
  });
});
