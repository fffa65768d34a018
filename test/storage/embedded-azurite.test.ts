import { describe, expect, it } from 'vitest';
import { silentLogger } from '../../src/log';
import { createBlobContainers, isContainerReachable } from '../../src/storage/blob-container';
import { startEmbeddedAzurite } from '../../src/storage/embedded-azurite';

describe('embedded Azurite', () => {
  it('restarts on the same port when it dies unexpectedly (the bot default), and stops for good on stop()', async () => {
    const azurite = await startEmbeddedAzurite({ port: 0, logger: silentLogger, restartOnExit: true });
    try {
      const probe = createBlobContainers(azurite.connectionString, 'restart').probe;
      expect(await isContainerReachable(probe)).toBe(true);
      const first = azurite.pid;
      process.kill(first!, 'SIGKILL');
      const until = Date.now() + 20_000;
      while (Date.now() < until && (azurite.pid === first || !(await isContainerReachable(probe)))) await new Promise((r) => setTimeout(r, 200));
      expect(azurite.pid).not.toBe(first);
      expect(await isContainerReachable(probe)).toBe(true);
    } finally {
      await azurite.stop();
    }
  });
});
