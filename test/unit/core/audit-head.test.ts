import { describe, expect, it } from 'vitest';
import { EMPTY_HEAD } from '../../../core/audit/chain';
import { auditHeadStamp } from '../../../core/audit/head';

describe('the head stamp reports print', () => {
  it('names the entry and its full SHA-256, or says the log is empty', () => {
    const hash = 'ab'.repeat(32);
    expect(auditHeadStamp({ seq: 1234, hash })).toEqual({
      seq: 1234,
      hash,
      text: `Audit log head: entry 1234, SHA-256 ${hash}`,
    });
    expect(auditHeadStamp(EMPTY_HEAD).text).toBe('Audit log: empty (no change recorded yet)');
  });
});
