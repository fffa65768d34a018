import type { TestProject } from 'vitest/node' with { 'resolution-mode': 'import' };
import { silentLogger } from '../../src/log';
import { startEmbeddedAzurite } from '../../src/storage/embedded-azurite';

declare module 'vitest' {
  export interface ProvidedContext {
    azuriteConnectionString: string;
  }
}

/** Start one in-memory Azurite (a child process) for every test file; each file uses its own container. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const azurite = await startEmbeddedAzurite({ port: 0, logger: silentLogger });
  project.provide('azuriteConnectionString', azurite.connectionString);
  return () => azurite.stop();
}
