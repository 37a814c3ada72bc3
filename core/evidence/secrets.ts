import type { EvidenceSummary, FormatId } from './model';

/** What a redacted copy of evidence holds where a secret was (core/evidence/redact.ts). */
export const REDACTED = '[REDACTED]';

/**
 * Formats whose files can hold credentials in clear; their readers count them as
 * `details.secretsInClear` (never keeping them) and redact.ts knows where they are.
 */
export const SECRET_FORMATS: ReadonlySet<FormatId> = new Set(['metasploit']);

/** How many secrets a read file holds in clear, as its reader counted them (never the secrets). */
export function secretsInClear(summary: Pick<EvidenceSummary, 'format' | 'details'>): number {
  if (!SECRET_FORMATS.has(summary.format)) return 0;
  const count = summary.details['secretsInClear'];
  return typeof count === 'number' ? count : 0;
}
