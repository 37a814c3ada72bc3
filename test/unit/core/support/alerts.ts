import type { AlertFinding } from '../../../../core/telemetry/model';

/** A brute-force alert as the default rules raise it on the generated auth.log (seed 5). */
export const BRUTE_FORCE_ALERT: AlertFinding = {
  ruleId: 'brute-force-logins',
  ruleName: 'Brute-force logins',
  metric: 'Failed logins / Successful logins',
  metrics: ['auth.failed', 'auth.success'],
  from: Date.UTC(2026, 10, 24, 9, 18),
  to: Date.UTC(2026, 10, 24, 9, 38),
  windowMinutes: 15,
  threshold: 3,
  peak: 419,
  peakAt: Date.UTC(2026, 10, 24, 9, 29),
  values: { 'auth.failed': 721, 'auth.success': 4 },
  suggestedPriority: 'P1',
  controls: ['nist-sp-800-53-rev5#ac-7', 'nist-sp-800-53-rev5#si-4'],
};
