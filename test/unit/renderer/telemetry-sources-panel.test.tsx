import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_RULES, silenceRuleOf } from '../../../core/telemetry/alerts';
import { SourcesPanel } from '../../../renderer/src/features/telemetry/SourcesPanel';

afterEach(cleanup);

describe('Sources table', () => {
  it('names files without an arrival record above the table, and says nothing when there are none', () => {
    const props = {
      workspaceId: 'w',
      sources: { sources: [], periodEnd: null },
      rule: silenceRuleOf(DEFAULT_RULES),
    };
    render(<SourcesPanel {...props} unrecorded={['auth.log.1', 'auth.log']} />);
    expect(screen.getByRole('note').textContent).toBe(
      '2 files were imported before the app recorded when sources send lines (auth.log.1, auth.log): their sources are not listed here and not judged for silences. Remove them and import them again to judge their sources.',
    );
    cleanup();
    render(<SourcesPanel {...props} unrecorded={[]} />);
    expect(screen.queryByRole('note')).toBeNull();
    expect(screen.getByRole('table', { name: 'Sources' })).toBeTruthy();
  });
});
