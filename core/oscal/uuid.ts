import { sha1 } from '@noble/hashes/legacy.js';
import { utf8ToBytes } from '@noble/hashes/utils.js';

/** Demo Ledger's namespace for name-based UUIDs (RFC 4122 version 5). */
export const DEMO_LEDGER_NAMESPACE = '6f1c7a52-3b8e-5d4a-9e21-4c0b7d93a1f6';

function uuidBytes(uuid: string): Uint8Array {
  const hex = uuid.replace(/-/g, '');
  return Uint8Array.from({ length: 16 }, (_, index) =>
    Number.parseInt(hex.slice(index * 2, index * 2 + 2), 16),
  );
}

/**
 * A version 5 UUID for `name`: the same report always exports the same identifiers, so a
 * re-export of an unchanged demo is recognisably the same OSCAL content.
 */
export function uuidV5(name: string, namespace = DEMO_LEDGER_NAMESPACE): string {
  const ns = uuidBytes(namespace);
  const input = new Uint8Array(ns.length + utf8ToBytes(name).length);
  input.set(ns);
  input.set(utf8ToBytes(name), ns.length);
  const hash = sha1(input).slice(0, 16);
  hash[6] = ((hash[6] ?? 0) & 0x0f) | 0x50;
  hash[8] = ((hash[8] ?? 0) & 0x3f) | 0x80;
  const hex = Array.from(hash, (byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
