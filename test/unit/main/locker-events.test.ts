import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import type { OutboxListing } from '../../../core/locker/app';
import { eventContract, parseEvent } from '../../../core/ipc/contract';
import type { Emit } from '../../../main/handlers';
import { createHandlers, dispatch } from '../../../main/handlers';
import { testPlatform } from './platform';

/**
 * Main tells the window of the outbox's changes (`locker:outboxChanged`) and retries by itself,
 * so the window never polls: a bundle queued with no locker set up is announced as blocked; once
 * set up, a failed attempt is announced with its reason, and the next attempt comes from main's
 * own schedule, with no call from the window. The window drops payloads the contract refuses.
 */

function setup() {
  const dataPath = mkdtempSync(path.join(tmpdir(), 'locker-events-'));
  const platform = testPlatform(dataPath);
  const heard: OutboxListing[] = [];
  const emit: Emit = (event, payload) => {
    // What the hosts send is what the contract allows.
    const checked = eventContract[event].parse(payload);
    if (event === 'locker:outboxChanged') heard.push(checked as OutboxListing);
  };
  const closed = new AbortController();
  const handlers = createHandlers({ platform, emit, closed: closed.signal });
  const call = (channel: string, input?: unknown) => dispatch(handlers, channel, input);
  return { dataPath, call, heard, closed };
}

describe('team locker events', () => {
  it('announces each change of the outbox and retries without the window asking', async () => {
    const { dataPath, call, heard, closed } = setup();
    try {
      const outbox = path.join(dataPath, 'team-locker', 'outbox');
      mkdirSync(outbox, { recursive: true });
      writeFileSync(path.join(outbox, 'sprint-12.dlbundle'), 'a bundle left by a crash');

      const synced = await call('locker:sync');
      expect(synced, JSON.stringify(synced)).toMatchObject({ ok: true });
      await vi.waitFor(() => {
        const last = heard.at(-1);
        expect(last?.items.map((item) => [item.fileName, item.state])).toEqual([
          ['sprint-12.dlbundle', 'waiting'],
        ]);
        expect(last?.blocked ?? '').toMatch(/set up|settings|locker/i);
      });

      // A locker nobody answers at: the attempt fails, and main says so.
      expect(
        (
          await call('locker:saveSettings', {
            settings: {
              endpoint: 'http://127.0.0.1:9',
              bucket: 'team-locker',
              region: 'eu-west-1',
            },
            ca: null,
          })
        ).ok,
      ).toBe(true);
      expect(
        (
          await call('locker:setCredentials', {
            accessKeyId: 'AKIDEXAMPLE',
            secretAccessKey: 'wJalrXUtnFEMI/K7MDENG',
            remember: false,
          })
        ).ok,
      ).toBe(true);
      await vi.waitFor(
        () => {
          const item = heard.at(-1)?.items[0];
          expect(item?.state).toBe('waiting');
          expect(item?.attempts).toBe(1);
          expect(item?.lastError).toBeTruthy();
          expect(heard.at(-1)?.blocked).toBeNull();
        },
        { timeout: 30_000, interval: 50 },
      );

      // The second attempt is main's own, after the retry delay; the window only listens.
      await vi.waitFor(() => expect(heard.at(-1)?.items[0]?.attempts).toBe(2), {
        timeout: 30_000,
        interval: 100,
      });
      const last = heard.at(-1);
      expect(last?.items[0]?.state).toBe('waiting');
      expect(last?.items[0]?.nextAttemptAt).not.toBeNull();
    } finally {
      closed.abort();
    }
  }, 60_000);

  it('the window accepts only payloads the event contract allows', () => {
    const listing: OutboxListing = { items: [], blocked: null };
    expect(parseEvent('locker:outboxChanged', listing)).toEqual(listing);
    expect(parseEvent('locker:outboxChanged', { items: 'everything', blocked: 1 })).toBeNull();
    expect(parseEvent('locker:verifyProgress', { checked: 3, versions: 10 })).toEqual({
      checked: 3,
      versions: 10,
    });
    expect(parseEvent('locker:verifyProgress', { checked: -1, versions: 10 })).toBeNull();
  });
});
