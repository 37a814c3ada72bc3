import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';

/**
 * Synchronous SHA-256 for small values (audit entries, record states). Synchronous on purpose:
 * awaiting WebCrypto inside an IndexedDB transaction lets the transaction commit early.
 * Large files are hashed by the streaming evidence path instead.
 */
export function sha256Hex(data: Uint8Array | string): string {
  return bytesToHex(sha256(typeof data === 'string' ? utf8ToBytes(data) : data));
}

export const SHA256_HEX = /^[0-9a-f]{64}$/;
