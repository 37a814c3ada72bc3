import { db } from '../../db';
import type { QueryState } from '../../lib/useQuery';
import { useQuery } from '../../lib/useQuery';
import type { SettingKey, SettingValue } from './definitions';
import { SETTINGS } from './definitions';

export async function readSetting<K extends SettingKey>(key: K): Promise<SettingValue<K>> {
  const row = await db.settings.get(key);
  return SETTINGS[key].parse(row?.value) as SettingValue<K>;
}

export function useSetting<K extends SettingKey>(key: K): QueryState<SettingValue<K>> {
  return useQuery(() => readSetting(key), [key]);
}
