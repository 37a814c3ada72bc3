/** What a redacted copy of evidence holds where a secret was (core/evidence/redact.ts). */
export const REDACTED = '[REDACTED]';
