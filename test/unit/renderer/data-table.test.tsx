import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { sourceFromBytes } from '../../../core/evidence/bytes';
import { inspectSource } from '../../../core/evidence/inspect';
import type { EvidenceSummary } from '../../../core/evidence/model';
import { capText, countText } from '../../../renderer/src/features/evidence/DataTable';
import { SummaryTables } from '../../../renderer/src/features/evidence/SummaryTables';
import { largeJunit } from '../../support/large-junit';
import { giveElementsASize } from './layout-support';

/**
 * The tests, checks and components tables (DataTable over VirtualTable): every listed row is
 * reachable however long the list, the table says how many rows it holds, and a stored record
 * cut short says so instead of passing for the whole file.
 */

const CASES = 1200;
const FILE = { sha256: 'a'.repeat(64), fileName: 'pytest.xml' };

async function summaryOf(bytes: Uint8Array, listLimit?: number): Promise<EvidenceSummary> {
  const { outcome } = await inspectSource(
    sourceFromBytes('pytest.xml', bytes),
    listLimit === undefined ? {} : { listLimit },
  );
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.summary;
}

let restoreLayout: () => void;
let whole: EvidenceSummary;
beforeAll(async () => {
  restoreLayout = giveElementsASize();
  whole = await summaryOf(largeJunit(CASES));
});
afterAll(() => restoreLayout());
afterEach(cleanup);

const table = () => screen.getByRole('table', { name: 'Tests' });
const region = () => screen.getByRole('region', { name: 'Tests, scrollable' });
const status = () => within(screen.getByRole('region', { name: 'Tests' })).getByRole('status');
const drawnNames = () =>
  within(table())
    .getAllByRole('row')
    .slice(1)
    .map((row) => row.querySelectorAll('td')[2]?.textContent);

/** Scrolls the table's region to `top` pixels, as the wheel or the End key does. */
function scrollTo(top: number) {
  act(() => {
    region().scrollTop = top;
    fireEvent.scroll(region());
  });
}

describe('the tests table', () => {
  it('reaches row 1,200 of 1,200, past the 500 it once drew, with the row count for assistive technology', () => {
    render(<SummaryTables file={FILE} summary={whole} />);
    expect(whole.tests?.cases).toHaveLength(CASES);
    expect(status().textContent).toBe('1,200 tests.');
    expect(table().getAttribute('aria-rowcount')).toBe(String(CASES + 1));
    // A screenful is drawn, not the whole list.
    const first = within(table()).getAllByRole('row');
    expect(first.length).toBeLessThan(60);
    expect(first[1]?.getAttribute('aria-rowindex')).toBe('2');
    expect(drawnNames()).not.toContain('test_case_1200');
    // The region is in the tab order: the keyboard scrolls it.
    expect(region().tabIndex).toBe(0);

    // Row 501, where the table used to stop, and then the last row.
    scrollTo(500 * 40);
    expect(drawnNames()).toContain('test_case_0501');
    scrollTo(CASES * 40);
    const rows = within(table()).getAllByRole('row');
    const last = rows[rows.length - 1]!;
    expect(last.getAttribute('aria-rowindex')).toBe(String(CASES + 1));
    expect(last.textContent).toContain('test_case_1200');
    expect(screen.queryByText(/Showing the first/u)).toBeNull();
    expect(screen.queryByRole('note')).toBeNull();
  });

  it('filters and sorts every row, not the first 500', () => {
    render(<SummaryTables file={FILE} summary={whole} />);
    fireEvent.change(screen.getByLabelText('Filter tests'), { target: { value: 'case_11' } });
    // test_case_1100 … test_case_1199.
    expect(status().textContent).toBe('100 of 1,200 tests match.');
    expect(table().getAttribute('aria-rowcount')).toBe('101');
    fireEvent.change(screen.getByLabelText('Filter tests'), { target: { value: 'case_1200' } });
    expect(status().textContent).toBe('1 of 1,200 tests matches.');
    expect(drawnNames()).toEqual(['test_case_1200']);

    fireEvent.change(screen.getByLabelText('Filter tests'), { target: { value: '' } });
    const byName = screen.getByRole('button', { name: 'Test' });
    fireEvent.click(byName);
    expect(byName.closest('th')?.getAttribute('aria-sort')).toBe('ascending');
    fireEvent.click(byName);
    expect(byName.closest('th')?.getAttribute('aria-sort')).toBe('descending');
    expect(drawnNames()[0]).toBe('test_case_1200');
  });

  it('says plainly when the stored record lists fewer cases than the file holds', async () => {
    const cut = await summaryOf(largeJunit(CASES), 500);
    expect(cut.tests?.total).toBe(CASES);
    expect(cut.tests?.cases).toHaveLength(500);
    render(<SummaryTables file={FILE} summary={cut} />);
    expect(status().textContent).toBe('500 of 1,200 tests listed.');
    expect(screen.getByRole('note').textContent).toBe(
      'The stored record lists only the first 500 tests of the 1,200 in the file; the other 700 ' +
        'are not listed here, so the filter and sort reach only the 500 listed.',
    );
    // The table holds what is listed: no row is announced that cannot be reached.
    expect(table().getAttribute('aria-rowcount')).toBe('501');
    scrollTo(500 * 40);
    const rows = within(table()).getAllByRole('row');
    expect(rows[rows.length - 1]?.textContent).toContain('test_case_0500');
    fireEvent.change(screen.getByLabelText('Filter tests'), { target: { value: 'case_04' } });
    expect(status().textContent).toBe('100 match, of 500 of 1,200 tests listed.');
  });
});

describe('count texts', () => {
  it('agree in number', () => {
    expect(countText('component', 1, 1, 1, false)).toBe('1 component.');
    expect(countText('component', 0, 3, 3, true)).toBe('0 of 3 components match.');
    expect(countText('check', 1, 5000, 5000, true)).toBe('1 of 5,000 checks matches.');
    expect(capText('component', 5000, 6001)).toBe(
      'The stored record lists only the first 5,000 components of the 6,001 in the file; the ' +
        'other 1,001 are not listed here, so the filter and sort reach only the 5,000 listed.',
    );
  });
});
