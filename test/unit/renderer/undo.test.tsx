import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { verifyChain } from '../../../core/audit/chain';
import { Notifications } from '../../../renderer/src/app/notifications';
import { offerUndo, UNDO_MS, undoLatest } from '../../../renderer/src/app/undo';
import { db } from '../../../renderer/src/db';
import {
  addAgendaItem,
  deleteAgendaItem,
  restoreAgendaItem,
} from '../../../renderer/src/features/demos/commands';
import {
  addNote,
  deleteNote,
  recordEvidence,
  removeEvidence,
  restoreEvidence,
  restoreNote,
  restoreVerdict,
  setVerdict,
} from '../../../renderer/src/features/demos/record-commands';
import { signOffDemo } from '../../../renderer/src/features/demos/signoff';
import { addPerson } from '../../../renderer/src/features/people/commands';
import { defaultDemoSlots } from '../../../renderer/src/features/demos/slots';
import { setUpDemo } from './demo-support';
import { freshDatabase } from './issues/support';
import { PASSPHRASE, installSigningHost } from './signing-host';

/** Undo: one mechanism (offer, notice, Ctrl+Z's command) and the record's reversals, audited. */

const CM7 = 'nist-sp-800-53-rev5#cm-7';
const store = defaultDemoSlots.evidence;

beforeEach(freshDatabase);
afterEach(cleanup);

async function undoEntries() {
  return db.auditLog.filter((entry) => entry.action === 'undo').toArray();
}

describe('the record’s reversals', () => {
  let host: ReturnType<typeof installSigningHost>;
  beforeAll(() => {
    host = installSigningHost();
  });
  it('puts a removed observation back as it was, audited as its own undo entry', async () => {
    const { demo } = await setUpDemo();
    const item = await addAgendaItem(demo.id, { title: 'Ports', controls: [CM7] });
    const note = await addNote(item.id, 'observation', 'Port 8080 is open on staging');
    const removed = await deleteNote(note.id);
    expect(removed).toEqual(note);
    expect(await db.demoNotes.get(note.id)).toBeUndefined();
    await restoreNote(note);
    expect(await db.demoNotes.get(note.id)).toEqual(note);
    const entries = await undoEntries();
    expect(entries.map((entry) => [entry.entity, entry.op])).toEqual([['demoNotes', 'create']]);
    expect(verifyChain(await db.auditLog.orderBy('seq').toArray()).ok).toBe(true);
    // Already gone: nothing to return, nothing written.
    await deleteNote(note.id);
    expect(await deleteNote(note.id)).toBeNull();
  });

  it('restores the verdict a change replaced, or none', async () => {
    const { demo } = await setUpDemo();
    const item = await addAgendaItem(demo.id, { title: 'Ports', controls: [CM7] });
    const first = await setVerdict(item.id, CM7, { verdict: 'satisfied' }, store);
    await setVerdict(item.id, CM7, { verdict: 'not-satisfied', reason: 'port open' }, store);
    await restoreVerdict(item.id, CM7, first);
    expect(await db.demoVerdicts.where({ itemId: item.id }).toArray()).toEqual([first]);
    await restoreVerdict(item.id, CM7, null);
    expect(await db.demoVerdicts.where({ itemId: item.id }).count()).toBe(0);
    expect((await undoEntries()).every((entry) => entry.entity === 'demoVerdicts')).toBe(true);
  });

  it('puts removed evidence back on the item; refuses once the demo is signed off', async () => {
    const { demo } = await setUpDemo();
    const item = await addAgendaItem(demo.id, { title: 'Ports', controls: [CM7] });
    const [row] = await recordEvidence(item.id, [
      { evidenceId: 'fp-1', name: 'nmap.xml', size: 10, sha256: 'a'.repeat(64), stored: false },
    ]);
    if (!row) throw new Error('no row');
    const removed = await removeEvidence(row.id, store);
    expect(removed).toEqual(row);
    await restoreEvidence(row, store);
    expect(await db.demoEvidence.get(row.id)).toEqual(row);
    const note = await addNote(item.id, 'observation', 'Checked');
    await deleteNote(note.id);
    const dana = await addPerson({ name: 'Dana Reyes', role: 'auditor', organisation: '' });
    await signOffDemo(demo.id, dana, {
      identity: await host.identityOf(dana),
      passphrase: PASSPHRASE,
    });
    await expect(restoreNote(note)).rejects.toThrow(/signed off/i);
    expect(await db.demoNotes.get(note.id)).toBeUndefined();
  });
});

describe('deleting an agenda item', () => {
  it('puts the item back with everything recorded on it and the links to it, as undo entries', async () => {
    const { demo, workspaceId } = await setUpDemo();
    const item = await addAgendaItem(demo.id, { title: 'Ports', controls: [CM7] });
    const note = await addNote(item.id, 'observation', 'Port 8080 is open');
    await setVerdict(item.id, CM7, { verdict: 'satisfied' }, store);
    await recordEvidence(item.id, [
      { evidenceId: 'fp-1', name: 'nmap.xml', size: 10, sha256: 'a'.repeat(64), stored: false },
    ]);
    const at = '2026-11-27T12:00:00.000Z';
    await db.evidenceLinks.add({
      id: 'link-1',
      workspaceId,
      evidenceId: 'ev-1',
      targetType: 'demo-item',
      targetId: item.id,
      linkedBy: 'Alex',
      createdAt: at,
      updatedAt: at,
    });
    const snapshot = async () => ({
      item: await db.demoItems.get(item.id),
      notes: await db.demoNotes.where({ itemId: item.id }).toArray(),
      verdicts: await db.demoVerdicts.where({ itemId: item.id }).toArray(),
      evidence: await db.demoEvidence.where({ itemId: item.id }).toArray(),
      links: await db.evidenceLinks.toArray(),
    });
    const before = await snapshot();
    const deleted = await deleteAgendaItem(item.id);
    expect(await db.demoItems.get(item.id)).toBeUndefined();
    expect(await db.evidenceLinks.count()).toBe(0);
    await restoreAgendaItem(deleted);
    expect(await snapshot()).toEqual(before);
    expect(before.notes).toEqual([note]);
    const entities = new Set((await undoEntries()).map((entry) => entry.entity));
    expect(entities).toEqual(
      new Set(['demoItems', 'demoNotes', 'demoVerdicts', 'demoEvidence', 'evidenceLinks']),
    );
    expect(verifyChain(await db.auditLog.orderBy('seq').toArray()).ok).toBe(true);
  });
});

describe('offerUndo', () => {
  it('shows Undo on a notice; Undo (or Ctrl+Z’s command) runs it once, within the time', async () => {
    render(<Notifications />);
    const undo = vi.fn(() => Promise.resolve());
    act(() => offerUndo({ description: 'Observation removed', undo }));
    expect(screen.getByRole('status').textContent).toContain('Observation removed.');
    await act(async () => {
      screen.getByRole('button', { name: 'Undo' }).click();
      await Promise.resolve();
    });
    expect(undo).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Undone: observation removed.')).toBeTruthy();
    await act(() => undoLatest());
    expect(undo).toHaveBeenCalledTimes(1);
    expect(screen.getByText('Nothing to undo.')).toBeTruthy();
  });

  it('offers only the latest action, and nothing once its time is up', async () => {
    const older = vi.fn(() => Promise.resolve());
    const newer = vi.fn(() => Promise.resolve());
    offerUndo({ description: 'First removed', undo: older });
    offerUndo({ description: 'Second removed', undo: newer });
    vi.setSystemTime(Date.now() + UNDO_MS + 1);
    await undoLatest();
    expect(older).not.toHaveBeenCalled();
    expect(newer).not.toHaveBeenCalled();
    offerUndo({ description: 'Third removed', undo: newer });
    await undoLatest();
    expect(newer).toHaveBeenCalledTimes(1);
    expect(older).not.toHaveBeenCalled();
  });
});
