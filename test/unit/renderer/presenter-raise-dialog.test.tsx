import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Demo } from '../../../core/model';
import { db } from '../../../renderer/src/db';
import { addAgendaItem } from '../../../renderer/src/features/demos/commands';
import {
  DraftStoreContext,
  draftKeys,
  useDraftStore,
} from '../../../renderer/src/features/demos/drafts';
import { RaiseIssueDialog } from '../../../renderer/src/features/demos/presenter/RaiseIssueDialog';
import { setUpDemo } from './demo-support';
import { freshDatabase } from './issues/support';

/** Presenter mode's Raise issue: the shared form's keys, its keystroke draft, one transaction. */

const CM7 = 'nist-sp-800-53-rev5#cm-7';

beforeEach(freshDatabase);
afterEach(cleanup);

function Drafts({ demo, children }: { demo: Demo; children: ReactNode }) {
  const store = useDraftStore({ demoId: demo.id, workspaceId: demo.workspaceId });
  return store ? (
    <DraftStoreContext.Provider value={store}>{children}</DraftStoreContext.Provider>
  ) : null;
}

describe('presenter RaiseIssueDialog', () => {
  it('keeps every keystroke as a draft; Alt+1 picks P1 and Ctrl+Enter raises in one transaction', async () => {
    const { demo } = await setUpDemo();
    const item = await addAgendaItem(demo.id, { title: 'Ports', controls: [CM7], owner: 'Kim' });
    let closed = false;
    render(
      <Drafts demo={demo}>
        <RaiseIssueDialog
          open
          onClose={() => {
            closed = true;
          }}
          demo={demo}
          item={item}
          control={CM7}
          verdict={null}
          priority="P2"
        />
      </Drafts>,
    );
    const title = await screen.findByLabelText('Title');
    expect(title).toHaveProperty('value', `Ports: ${CM7} not met`);
    fireEvent.change(title, { target: { value: 'Port 8080 open on staging' } });
    const key = draftKeys.issue(demo.id, item.id);
    await waitFor(async () =>
      expect((await db.demoDrafts.get(key))?.value).toMatchObject({
        title: 'Port 8080 open on staging',
      }),
    );
    // Alt+3 names no priority a demo issue can have: nothing changes.
    fireEvent.keyDown(title, { key: '3', code: 'Digit3', altKey: true });
    expect(screen.getByRole('radio', { name: /P2/ })).toHaveProperty('checked', true);
    fireEvent.keyDown(title, { key: '1', code: 'Digit1', altKey: true });
    expect(screen.getByRole('radio', { name: /P1/ })).toHaveProperty('checked', true);
    expect(screen.getByRole('button', { name: 'Raise P1 issue' })).toBeTruthy();
    await act(async () => {
      fireEvent.keyDown(title, { key: 'Enter', code: 'Enter', ctrlKey: true });
      await Promise.resolve();
    });
    await waitFor(() => expect(closed).toBe(true));
    const [recorded] = await db.demoIssues.toArray();
    expect(recorded).toMatchObject({ title: 'Port 8080 open on staging', priority: 'P1' });
    expect(await db.issues.get(recorded?.trackerId ?? '')).toMatchObject({
      priority: 'P1',
      owner: 'Kim',
      controlRefs: [CM7],
    });
    expect(await db.demoDrafts.get(key)).toBeUndefined();
    // The tracker's issue and the item's record, written by the one audited raise.
    const entries = await db.auditLog.filter((entry) => entry.action === 'raise-issue').toArray();
    expect(new Set(entries.map((entry) => entry.entity))).toEqual(
      new Set(['issues', 'demoIssues']),
    );
  });
});
