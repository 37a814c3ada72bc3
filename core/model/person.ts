import { z } from 'zod';
import { Id, Name, Timestamps } from './common';

/**
 * A person who uses Demo Ledger on this computer. Every audited write names the person at the
 * keyboard (the current person) as its actor, reports name them as their author, and their
 * signing identities (kept by the main process) sign what they sign off.
 */

export const PERSON_ROLES = ['auditor', 'security', 'engineering', 'product', 'other'] as const;
export const PersonRole = z.enum(PERSON_ROLES, { message: 'choose your role' });
export type PersonRole = z.infer<typeof PersonRole>;

export const PERSON_ROLE_LABELS: Readonly<Record<PersonRole, string>> = {
  auditor: 'Auditor',
  security: 'Security',
  engineering: 'Engineering',
  product: 'Product',
  other: 'Other',
};

export const PersonDraft = z.object({
  name: Name,
  role: PersonRole,
  organisation: z
    .string()
    .trim()
    .max(120, 'organisations are limited to 120 characters')
    .default(''),
});
export type PersonDraft = z.input<typeof PersonDraft>;

export const Person = PersonDraft.extend({ id: Id }).extend(Timestamps.shape);
export type Person = z.infer<typeof Person>;

/** "Auditor, Acme Audit": a person's role and organisation, as shown beside their name. */
export function roleAndOrganisation(person: Pick<Person, 'role' | 'organisation'>): string {
  return [PERSON_ROLE_LABELS[person.role], person.organisation].filter(Boolean).join(', ');
}
