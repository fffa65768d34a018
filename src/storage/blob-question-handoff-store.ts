import type { QuestionHandoff, QuestionHandoffStore } from '../knowledge/question-handoff-store';
import type { JsonBlobStore } from './json-blob-store';

/** One blob per hand-off, create-only: a retried click cannot overwrite or duplicate it. */
export class BlobQuestionHandoffStore implements QuestionHandoffStore {
  constructor(private readonly store: JsonBlobStore) {}

  async save(handoff: QuestionHandoff): Promise<void> {
    await this.store.put(`handoffs/${handoff.id}.json`, handoff, { ifNoneMatch: '*' });
  }
}
