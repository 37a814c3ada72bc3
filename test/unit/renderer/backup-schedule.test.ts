import { describe, expect, it } from 'vitest';
import { isBackupDue } from '../../../renderer/src/features/backup/commands';

const daily = { enabled: true, everyHours: 24, keep: 7 };
const now = new Date('2026-11-26T12:00:00.000Z');

describe('automatic backups', () => {
  it('are due when enabled and none succeeded within the interval', () => {
    expect(isBackupDue(daily, null, now)).toBe(true);
    expect(isBackupDue(daily, '2026-11-25T12:00:00.000Z', now)).toBe(true);
    expect(isBackupDue(daily, '2026-11-25T12:00:01.000Z', now)).toBe(false);
    expect(isBackupDue({ ...daily, enabled: false }, null, now)).toBe(false);
  });

  it('run again when the recorded time is in the future or unreadable (clock changed)', () => {
    expect(isBackupDue(daily, '2027-01-01T00:00:00.000Z', now)).toBe(true);
    expect(isBackupDue(daily, 'not a date', now)).toBe(true);
  });
});
