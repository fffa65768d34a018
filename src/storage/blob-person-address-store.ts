import { createHash } from 'node:crypto';
import type { PersonAddressStore } from '../forwarding/people';
import type { JsonBlobStore } from './json-blob-store';

/** Personal-chat addresses (`people/<sha256 of the object id>.json`): the id itself is not a blob name. */
export class BlobPersonAddressStore implements PersonAddressStore {
  constructor(private readonly store: JsonBlobStore) {}

  private name(aadObjectId: string): string {
    return `people/${createHash('sha256').update(aadObjectId.toLowerCase()).digest('hex')}.json`;
  }

  async get(aadObjectId: string): Promise<Readonly<Record<string, unknown>> | undefined> {
    return (await this.store.get<{ conversationRef: Record<string, unknown> }>(this.name(aadObjectId)))?.value.conversationRef;
  }

  async set(aadObjectId: string, conversationRef: Readonly<Record<string, unknown>>): Promise<void> {
    await this.store.put(this.name(aadObjectId), { conversationRef });
  }
}
