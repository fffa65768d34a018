import type { QuestionHandoff, QuestionHandoffStore } from '../knowledge/question-handoff-store';
import type { JsonBlobStore } from './json-blob-store';
import type { NoteCipher, Sealed, SealedBlobKind } from './note-cipher';

/** Each hand-off is sealed with its id, the middle of its blob name `handoffs/<id>.json` (key rotation uses this rule). */
export const SEALED_HANDOFFS: SealedBlobKind = { prefix: 'handoffs/', aadOf: (name) => name.slice('handoffs/'.length, -'.json'.length) };

/** One blob per hand-off, create-only (a retried click cannot overwrite it); the question is sealed. */
export class BlobQuestionHandoffStore implements QuestionHandoffStore {
  constructor(
    private readonly store: JsonBlobStore,
    private readonly cipher: NoteCipher,
  ) {}

  async save(handoff: QuestionHandoff): Promise<void> {
    const { question, ...meta } = handoff;
    await this.store.put(`handoffs/${handoff.id}.json`, { ...meta, sealed: this.cipher.seal({ question }, handoff.id) }, { ifNoneMatch: '*' });
  }

  async get(id: string): Promise<QuestionHandoff | undefined> {
    const found = await this.store.get<Omit<QuestionHandoff, 'question'> & { sealed: Sealed }>(`handoffs/${id}.json`);
    if (!found) return undefined;
    const { sealed, ...meta } = found.value;
    return { ...meta, question: this.cipher.open<{ question: string }>(sealed, id).question };
  }
}
