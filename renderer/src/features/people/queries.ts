import type { Person } from '../../../../core/model';
import { db } from '../../db';
import { useQuery } from '../../lib/useQuery';
import { readSetting } from '../settings/queries';

/** The person at the keyboard, or null when nobody has said who they are yet. */
export async function readCurrentPerson(): Promise<Person | null> {
  const id = await readSetting('currentPersonId');
  if (id === null) return null;
  return (await db.people.get(id)) ?? null;
}

export function useCurrentPerson() {
  return useQuery(readCurrentPerson, []);
}

/** The people who use this computer, by name (the sample's made-up signer is not one of them). */
export async function readPeople(): Promise<Person[]> {
  return (await db.people.orderBy('name').toArray()).filter((person) => !person.sample);
}

export function usePeople() {
  return useQuery(readPeople, []);
}

/** The sample workspace's made-up signer, or null when there is no sample. */
export async function readSamplePerson(): Promise<Person | null> {
  return (await db.people.filter((person) => person.sample === true).first()) ?? null;
}

export function useSamplePerson() {
  return useQuery(readSamplePerson, []);
}
