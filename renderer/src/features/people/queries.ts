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

export function usePeople() {
  return useQuery(() => db.people.orderBy('name').toArray(), []);
}
