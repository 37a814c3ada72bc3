import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from '../../../renderer/src/app/ErrorBoundary';
import { describeError } from '../../../renderer/src/app/notifications';
import { resolveTheme } from '../../../renderer/src/app/theme';
import { describeStorageError } from '../../../renderer/src/db/errors';
import { addDays, formatBytes, formatDate } from '../../../renderer/src/lib/format';
import { ValidationError } from '../../../renderer/src/lib/validation';

describe('storage errors', () => {
  it('explains a full disk or quota, even when wrapped by Dexie', () => {
    const quota = Object.assign(new Error('AbortError'), {
      name: 'AbortError',
      inner: new DOMException('quota', 'QuotaExceededError'),
    });
    expect(describeStorageError(quota)).toMatch(
      /no room left[\s\S]*Nothing from this change was saved/,
    );
  });

  it('explains newer data and a closed database, and leaves other errors alone', () => {
    expect(describeStorageError({ name: 'VersionError' })).toMatch(/newer version/);
    expect(describeStorageError({ name: 'DatabaseClosedError' })).toMatch(/Reload/);
    expect(describeStorageError(new Error('other'))).toBeNull();
  });

  it('turns any failure into a sentence', () => {
    expect(describeError(new ValidationError({ name: 'a name is required' }))).toBe(
      'a name is required',
    );
    expect(describeError('plain')).toBe('plain');
  });
});

describe('ErrorBoundary', () => {
  it('shows what failed and keeps the rest of the app alive', () => {
    const spy = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const Broken = () => {
      throw new Error('the chart data was malformed');
    };
    render(
      <div>
        <p>still here</p>
        <ErrorBoundary scope="this view">
          <Broken />
        </ErrorBoundary>
      </div>,
    );
    expect(screen.getByRole('alert').textContent).toContain('the chart data was malformed');
    expect(screen.getByText('still here')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Try again' })).toBeTruthy();
    spy.mockRestore();
  });
});

describe('formatting', () => {
  it('formats sizes and calendar dates without shifting days', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1536)).toBe('1.5 KiB');
    expect(formatBytes(5 * 1024 ** 3)).toBe('5.0 GiB');
    expect(formatDate('2026-01-01')).toMatch(/2026/);
    expect(addDays('2026-02-27', 2)).toBe('2026-03-01');
    expect(addDays('2026-03-28', 2)).toBe('2026-03-30');
  });

  it('follows the system theme until one is chosen', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('light', true)).toBe('light');
  });
});
