import { db } from '../../db';
import { parseOrThrow } from '../../lib/validation';
import type { SettingKey, SettingValue } from './definitions';
import { SETTINGS } from './definitions';

export async function saveSetting<K extends SettingKey>(
  key: K,
  value: SettingValue<K>,
): Promise<void> {
  const parsed = parseOrThrow(SETTINGS[key], value);
  await db.settings.put({ key, value: parsed });
}
