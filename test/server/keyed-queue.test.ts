import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../src/server/keyed-queue';

const tick = () => new Promise((r) => setImmediate(r));

describe('KeyedQueue', () => {
  it('runs tasks of one key one after another, in arrival order', async () => {
    const q = new KeyedQueue();
    const log: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const a = q.run('c1', async () => {
      log.push('a-start');
      await gate;
      log.push('a-end');
    });
    const b = q.run('c1', async () => {
      log.push('b');
    });
    await tick();
    expect(log).toEqual(['a-start']);
    release();
    await Promise.all([a, b]);
    expect(log).toEqual(['a-start', 'a-end', 'b']);
    expect(q.size).toBe(0);
  });

  it('does not hold other keys back, and a failure does not block the next task', async () => {
    const q = new KeyedQueue();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const slow = q.run('c1', () => gate);
    await expect(q.run('c2', async () => 'other')).resolves.toBe('other');
    const failing = q.run('c1', async () => {
      throw new Error('boom');
    });
    const after = q.run('c1', async () => 'after');
    release();
    await slow;
    await expect(failing).rejects.toThrow('boom');
    await expect(after).resolves.toBe('after');
  });
});
