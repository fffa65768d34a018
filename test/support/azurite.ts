import { randomUUID } from 'node:crypto';
import { inject } from 'vitest';
import { createBlobContainers, type BlobContainers } from '../../src/storage/blob-container';

/** A fresh, created container on the shared test Azurite, so test files never see each other's blobs. */
export async function freshContainers(prefix = 't'): Promise<BlobContainers & { connectionString: string; name: string }> {
  const connectionString = inject('azuriteConnectionString');
  const name = `${prefix}-${randomUUID().slice(0, 8)}`;
  const containers = createBlobContainers(connectionString, name);
  await containers.data.createIfNotExists();
  return { ...containers, connectionString, name };
}
