import { afterEach, describe, expect, it } from 'vitest';
import { memoryJob } from '../../src/jobs/memory-job';
import { silentLogger } from '../../src/log';

const g = globalThis as { gc?: () => void };
const original = g.gc;
afterEach(() => {
  g.gc = original;
});

describe('memoryJob', () => {
  it('collects when a whole round passed without a turn, and again only after new work', async () => {
    let collections = 0;
    g.gc = () => void collections++;
    const server = { turns: 0, inFlight: () => 0, started: () => server.turns };
    const job = memoryJob(server, silentLogger);
    server.turns = 10;
    await job.run(); // busy since the start
    expect(collections).toBe(0);
    await job.run(); // a quiet round: collect
    await job.run(); // still quiet: nothing more to give back
    expect(collections).toBe(2); // two full collections: the second lets V8 give the pages back
    server.turns = 11;
    await job.run();
    await job.run();
    expect(collections).toBe(4);
  });
});
