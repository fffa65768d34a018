import { describe, expect, it } from 'vitest';
import { AdminNotices, isNoticeDue, type NoticeLog } from '../../src/forwarding/admin-notices';
import type { Deliverer } from '../../src/forwarding/deliverer';
import { testClock } from '../support/forwarding';

const HOUR = 3_600_000;

describe('isNoticeDue', () => {
  it.each([
    ['never sent', undefined, '2026-01-01T10:00:00Z', true],
    ['sent 30 minutes ago', '2026-01-01T09:30:00Z', '2026-01-01T10:00:00Z', false],
    ['sent exactly an hour ago', '2026-01-01T09:00:00Z', '2026-01-01T10:00:00Z', true],
    ['a record 30 minutes ahead (another instance’s clock)', '2026-01-01T10:30:00Z', '2026-01-01T10:00:00Z', false],
    ['a record days ahead (damaged, or a clock far off)', '2026-01-05T10:00:00Z', '2026-01-01T10:00:00Z', true],
    ['an unreadable record', 'yesterday', '2026-01-01T10:00:00Z', true],
  ])('%s → %s', (_name, lastAt, now, due) => {
    expect(isNoticeDue(lastAt, new Date(now), HOUR)).toBe(due);
  });
});

describe('AdminNotices', () => {
  const refs: Record<string, Record<string, unknown>> = { a: { conversation: { id: 'chat-a' } }, c: { conversation: { id: 'chat-c' } } };
  const people = { get: async (id: string) => refs[id], set: async () => undefined };

  function setup(failFor?: string) {
    const sent: string[] = [];
    const deliverer: Deliverer = {
      sendCard: async () => ({ activityId: 'x' }),
      sendText: async (ref, text) => {
        const id = (ref.conversation as { id: string }).id;
        if (id === failFor) throw new Error('connector down');
        sent.push(`${id}: ${text}`);
      },
      updateCard: async () => undefined,
    };
    let last: string | undefined;
    const log: NoticeLog = {
      claim: async (_topic, now, everyMs) => {
        if (!isNoticeDue(last, now, everyMs)) return false;
        last = now.toISOString();
        return true;
      },
    };
    const clock = testClock(new Date('2026-01-01T10:00:00Z'));
    return { sent, clock, notices: new AdminNotices({ admins: ['a', 'b', 'c'], people, deliverer, log, clock }) };
  }

  it('tells every administrator who has a personal chat with the bot', async () => {
    const { sent, notices } = setup();
    expect(await notices.tell('hello')).toBe(2);
    expect(sent).toEqual(['chat-a: hello', 'chat-c: hello']);
  });

  it('still tells the others when one chat fails, then reports the failure', async () => {
    const { sent, notices } = setup('chat-a');
    await expect(notices.tell('hello')).rejects.toThrow('connector down');
    expect(sent).toEqual(['chat-c: hello']);
  });

  it('sends a topic’s notice at most once per period', async () => {
    const { sent, clock, notices } = setup();
    expect(await notices.tellAtMostEvery('t', HOUR, () => 'first')).toBe(true);
    clock.advance(HOUR - 1);
    expect(await notices.tellAtMostEvery('t', HOUR, () => 'second')).toBe(false);
    clock.advance(1);
    expect(await notices.tellAtMostEvery('t', HOUR, () => 'third')).toBe(true);
    expect(sent).toEqual(['chat-a: first', 'chat-c: first', 'chat-a: third', 'chat-c: third']);
  });
});
