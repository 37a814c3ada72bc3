import type { AttendeeDraft, AttendeeRole } from '../model/demo';
import { AttendeeDraft as AttendeeDraftSchema } from '../model/demo';
import type { AgendaProblem } from './agenda-problems';

/**
 * Attendees typed one per line, the quickest way to note who is in the room:
 * `Dana Reyes, auditor`, `Sam Patel (infosec)`, `Lee Wong - product owner`.
 */

const ROLE_WORDS: Readonly<Record<string, AttendeeRole>> = {
  infosec: 'infosec',
  security: 'infosec',
  sec: 'infosec',
  auditor: 'auditor',
  audit: 'auditor',
  'product owner': 'product-owner',
  'product-owner': 'product-owner',
  po: 'product-owner',
  developer: 'developer',
  dev: 'developer',
  engineer: 'developer',
};

export function roleFromWord(word: string): AttendeeRole | null {
  return ROLE_WORDS[word.trim().toLowerCase().replace(/\s+/g, ' ')] ?? null;
}

/**
 * `Name (role)`, `Name, role`, `Name - role`. Each name ends at a character that is not white
 * space, so no two quantifiers can trade characters: matching stays linear in the line's length.
 */
const PATTERNS = [
  /^(.*\S)\s*\(([^()]+)\)$/,
  /^(.*\S)\s*,\s*([^,\s][^,]*)$/,
  /^(.*?\S)\s+[-–—]\s+(\S[\s\S]*)$/,
];

export function parseAttendeeLines(text: string): {
  attendees: AttendeeDraft[];
  problems: AgendaProblem[];
} {
  const attendees: AttendeeDraft[] = [];
  const problems: AgendaProblem[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === '') return;
    const at = `line ${index + 1}`;
    const match = PATTERNS.map((pattern) => pattern.exec(line)).find((found) => found !== null);
    const role = match?.[2] === undefined ? null : roleFromWord(match[2]);
    if (!match || role === null) {
      problems.push({
        at,
        message: `“${line}”: write the name and a role (infosec, auditor, product owner, developer), e.g. “Dana Reyes, auditor”.`,
      });
      return;
    }
    const parsed = AttendeeDraftSchema.safeParse({ name: match[1], role });
    if (parsed.success) attendees.push(parsed.data);
    else problems.push({ at, message: parsed.error.issues[0]?.message ?? 'invalid attendee' });
  });
  return { attendees, problems };
}
