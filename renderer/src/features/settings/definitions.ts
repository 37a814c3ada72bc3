import { z } from 'zod';

/** Device-local preferences, each with its schema and default. */
export const SETTINGS = {
  theme: z.enum(['system', 'light', 'dark']).catch('system'),
  /** The person at the keyboard (a row of `people`); null until the first run has asked. */
  currentPersonId: z.string().nullable().catch(null),
  /** The name typed in Settings before people were kept; offered once by the first run. */
  userName: z.string().max(120).catch(''),
  currentWorkspaceId: z.string().nullable().catch(null),
  /** Control coverage: evidence older than this many days makes a control stale. */
  coverageWindowDays: z.number().int().min(1).max(3650).catch(90),
  /** RFC 3161 timestamp authority for report signatures; empty: no timestamp. */
  tsaUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/ })]).catch(''),
  /** Automatic backups into the folder main remembers (see backup:chooseFolder). */
  backupSchedule: z
    .object({
      enabled: z.boolean(),
      everyHours: z
        .number()
        .int()
        .min(1)
        .max(24 * 31),
      keep: z.number().int().min(1).max(1000),
    })
    .catch({ enabled: false, everyHours: 24, keep: 14 }),
  /** The outcome of the last backup, shown in Settings. */
  lastBackup: z
    .object({
      at: z.string(),
      ok: z.boolean(),
      automatic: z.boolean(),
      path: z.string().nullable(),
      message: z.string(),
    })
    .nullable()
    .catch(null),
  /** When the last automatic backup succeeded; the next is due `everyHours` later. */
  lastAutomaticBackupAt: z.string().nullable().catch(null),
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.output<(typeof SETTINGS)[K]>;
export type ThemePreference = SettingValue<'theme'>;
