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

/** An incremental SHA-256, fed chunk by chunk so large content is never held at once. */
export interface Sha256 {
  update(data: Uint8Array): void;
  /** The digest as lowercase hex; the hasher cannot be used afterwards. */
  hex(): string;
}

export type Sha256Factory = () => Sha256;

/**
 * The portable incremental SHA-256 (pure JS, runs in the renderer and in Node). WebCrypto has
 * no incremental digest; Node programs may pass a faster factory built on node:crypto.
 */
export const createSha256: Sha256Factory = () => {
  const state = sha256.create();
  return {
    update: (data) => void state.update(data),
    hex: () => bytesToHex(state.digest()),
  };
};
