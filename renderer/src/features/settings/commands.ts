import { db } from '../../db';
import { parseOrThrow } from '../../lib/validation';
import type { SettingKey, SettingValue } from './definitions';
import { SETTINGS } from './definitions';
import { readSetting } from './queries';

export async function saveSetting<K extends SettingKey>(
  key: K,
  value: SettingValue<K>,
): Promise<void> {
  const parsed = parseOrThrow(SETTINGS[key], value);
  await db.settings.put({ key, value: parsed });
}

/**
 * Changes some fields of an object setting against what is stored now, not against what a
 * screen last rendered: two quick edits (a number typed, then a choice made) both stay.
 */
type ObjectSettingKey = {
  [K in SettingKey]: SettingValue<K> extends object ? K : never;
}[SettingKey];

export async function updateSetting<K extends ObjectSettingKey>(
  key: K,
  change: Partial<SettingValue<K>>,
): Promise<void> {
  await db.transaction('rw', db.settings, async () => {
    const stored: object = await readSetting(key);
    await saveSetting(key, { ...stored, ...change } as SettingValue<K>);
  });
}
