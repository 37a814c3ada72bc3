import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { verifyChain } from '../../../core/audit/chain';
import { FirstRunGate } from '../../../renderer/src/app/first-run/FirstRun';
import { currentActor, db, setActor } from '../../../renderer/src/db';
import {
  addPerson,
  removePerson,
  switchPerson,
  updatePerson,
} from '../../../renderer/src/features/people/commands';
import { readCurrentPerson } from '../../../renderer/src/features/people/queries';
import { saveSetting } from '../../../renderer/src/features/settings/commands';
import { createWorkspace } from '../../../renderer/src/features/workspaces/commands';
import { ValidationError } from '../../../renderer/src/lib/validation';

beforeEach(async () => {
  setActor('');
  await db.open();
});

afterEach(async () => {
  cleanup();
  await db.delete();
});

const dana = { name: 'Dana Reyes', role: 'auditor', organisation: 'Acme Audit' } as const;
const sam = { name: 'Sam Okafor', role: 'security', organisation: 'Payments' } as const;

describe('people', () => {
  it('the first person writes their own row and is the actor of every write after it', async () => {
    expect(currentActor()).toBe('unknown');
    const person = await addPerson(dana);
    expect(await readCurrentPerson()).toEqual(person);
    expect(currentActor()).toBe('Dana Reyes');
    await createWorkspace({ name: 'Payments', description: '' });
    const entries = await db.auditLog.orderBy('seq').toArray();
    expect(entries.map((entry) => [entry.entity, entry.action, entry.actor])).toEqual([
      ['people', 'person', 'Dana Reyes'],
      ['workspaces', 'edit', 'Dana Reyes'],
    ]);
  });

  it('asks for a name and a role, and stores nothing without them', async () => {
    const error = await addPerson({ name: ' ', role: '' as never, organisation: '' }).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(ValidationError);
    expect(Object.keys((error as ValidationError).fieldErrors).sort()).toEqual(['name', 'role']);
    expect(await db.people.count()).toBe(0);
    expect(await readCurrentPerson()).toBeNull();
  });

  it('audits changes to a person, and names whoever is at the keyboard', async () => {
    const first = await addPerson(dana);
    const second = await addPerson(sam);
    // Dana added Sam, who is now at the keyboard.
    expect(currentActor()).toBe('Sam Okafor');
    await switchPerson(first.id);
    await updatePerson(first.id, { ...dana, role: 'security', organisation: 'Acme' });
    const changed = await db.auditLog.where('[entity+key]').equals(['people', first.id]).last();
    expect(changed).toMatchObject({ op: 'update', actor: 'Dana Reyes', action: 'person' });
    expect(JSON.stringify(changed?.diff)).toContain('Acme Audit');
    await expect(removePerson(first.id)).rejects.toThrow('Switch to another person');
    await removePerson(second.id);
    expect((await db.people.toArray()).map((person) => person.name)).toEqual(['Dana Reyes']);
    const all = await db.auditLog.orderBy('seq').toArray();
    expect(all.map((entry) => entry.actor)).toEqual([
      'Dana Reyes',
      'Dana Reyes',
      'Dana Reyes',
      'Dana Reyes',
    ]);
    expect(verifyChain(all).ok).toBe(true);
  });
});

describe('the first run', () => {
  it('shows who-are-you until it is answered, then the app; a known person can be picked', async () => {
    let ready = 0;
    render(
      <FirstRunGate onReady={() => (ready += 1)}>
        <p>the app</p>
      </FirstRunGate>,
    );
    await screen.findByRole('heading', { name: 'Who are you?' });
    expect(ready).toBe(1);
    expect(screen.queryByText('the app')).toBeNull();
    fireEvent.change(screen.getByLabelText('Your name'), { target: { value: 'Dana Reyes' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    expect(await screen.findByText('choose your role')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Role'), { target: { value: 'auditor' } });
    fireEvent.click(screen.getByRole('button', { name: 'Continue' }));
    await screen.findByText('the app');
    expect(currentActor()).toBe('Dana Reyes');

    // Nobody at the keyboard any more (a restore from another computer): pick who you are.
    await act(() => saveSetting('currentPersonId', null));
    fireEvent.click(await screen.findByRole('button', { name: 'I am Dana Reyes' }));
    await waitFor(() => expect(screen.queryByText('the app')).toBeTruthy());
  });

  it('offers the name typed in an earlier version, without using it', async () => {
    await saveSetting('userName', 'D. Reyes');
    render(
      <FirstRunGate onReady={() => undefined}>
        <p>the app</p>
      </FirstRunGate>,
    );
    const name = await screen.findByLabelText<HTMLInputElement>('Your name');
    expect(name.value).toBe('D. Reyes');
    expect(await db.people.count()).toBe(0);
    expect(currentActor()).toBe('unknown');
  });
});
