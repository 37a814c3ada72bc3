import type { Person, PersonDraft } from '../../../../core/model';
import {
  Person as PersonSchema,
  PersonDraft as PersonDraftSchema,
  newId,
  nowIso,
} from '../../../../core/model';
import { db, setActor } from '../../db';
import { parseOrThrow } from '../../lib/validation';
import { saveSetting } from '../settings/commands';
import { readSetting } from '../settings/queries';
import { readCurrentPerson } from './queries';

/**
 * Writes for the people who use the app on this computer. Each change to a person is audited;
 * which person is at the keyboard is a device setting, and the audit log names them as the
 * actor of every write from then on.
 */

/** Adds a person (the person at the keyboard adds them) and makes them the one at the keyboard. */
export async function addPerson(draft: PersonDraft): Promise<Person> {
  const fields = parseOrThrow(PersonDraftSchema, draft);
  const now = nowIso();
  const person = parseOrThrow(PersonSchema, {
    ...fields,
    id: newId(),
    createdAt: now,
    updatedAt: now,
  });
  const first = (await readCurrentPerson()) === null;
  // Nobody is at the keyboard yet (the first run): the new person writes their own row.
  if (first) setActor(person.name);
  try {
    await db.audited('person', ['people'], () => db.people.add(person));
  } catch (error) {
    if (first) setActor('');
    throw error;
  }
  await switchTo(person);
  return person;
}

export async function updatePerson(id: string, draft: PersonDraft): Promise<Person> {
  const fields = parseOrThrow(PersonDraftSchema, draft);
  const updated = await db.audited('person', ['people'], async () => {
    const existing = await db.people.get(id);
    if (!existing) throw new Error('This person is no longer on this computer.');
    const next = parseOrThrow(PersonSchema, { ...existing, ...fields, updatedAt: nowIso() });
    await db.people.put(next);
    return next;
  });
  if ((await readSetting('currentPersonId')) === id) setActor(updated.name);
  return updated;
}

/** Makes another person the one at the keyboard. */
export async function switchPerson(id: string): Promise<Person> {
  const person = await db.people.get(id);
  if (!person) throw new Error('This person is no longer on this computer.');
  await switchTo(person);
  return person;
}

/** Removes someone else from this computer; their past entries and signatures stay. */
export async function removePerson(id: string): Promise<void> {
  if ((await readSetting('currentPersonId')) === id)
    throw new Error('Switch to another person before removing yourself.');
  await db.audited('person', ['people'], () => db.people.delete(id));
}

async function switchTo(person: Person): Promise<void> {
  await saveSetting('currentPersonId', person.id);
  setActor(person.name);
}
