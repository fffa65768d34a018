import type { TargetLink, TargetLinkStore } from '../forwarding/target-links';
import type { JsonBlobStore } from './json-blob-store';

/** Target → Teams conversation bindings (`targets/<id>.json`); the latest link wins. */
export class BlobTargetLinkStore implements TargetLinkStore {
  constructor(private readonly store: JsonBlobStore) {}

  async get(targetId: string): Promise<TargetLink | undefined> {
    return (await this.store.get<TargetLink>(`targets/${targetId}.json`))?.value;
  }

  async set(link: TargetLink): Promise<void> {
    await this.store.put(`targets/${link.targetId}.json`, link);
  }
}
