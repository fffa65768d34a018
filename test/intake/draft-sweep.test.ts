import { describe, expect, it } from 'vitest';
import { BlobBotStorage } from '../../src/storage/blob-bot-storage';
import { JsonBlobStore } from '../../src/storage/json-blob-store';
import { NoteCipher } from '../../src/storage/note-cipher';
import { withoutExpiredDraft } from '../../src/intake/draft-sweep';
import { freshContainers } from '../support/azurite';

const NOW = new Date('2026-11-23T10:00:00Z');
const draft = (updatedAt: string) => ({ formId: 'incident-note', formVersion: 1, updatedAt, startedAt: updatedAt, answers: { observations: 'röd jacka' } });

describe('the draft sweep (real Azurite, sealed state)', () => {
  it('removes expired drafts and their pending question, and leaves fresh drafts and other state alone', async () => {
    const c = await freshContainers('sweep');
    const storage = new BlobBotStorage(new JsonBlobStore(c.data), new NoteCipher(Buffer.alloc(32, 4)));
    await storage.write({
      'conv/old': { intake: draft('2026-11-20T10:00:00Z'), intakeLocale: 'sv', pendingQuestion: { text: 'q', language: 'sv' }, welcomedAt: 'x' },
      'conv/new': { intake: draft('2026-11-23T09:00:00Z'), welcomedAt: 'y' },
      'user/u': { locale: 'en' },
    });
    expect(await storage.sweep(withoutExpiredDraft(NOW, 48 * 3_600_000))).toBe(1);
    const items = await storage.read(['conv/old', 'conv/new', 'user/u']);
    expect(items['conv/old']).toMatchObject({ welcomedAt: 'x' });
    expect(items['conv/old']).not.toHaveProperty('intake');
    expect(items['conv/old']).not.toHaveProperty('pendingQuestion');
    expect(items['conv/new']).toMatchObject({ intake: { answers: { observations: 'röd jacka' } } });
    expect(items['user/u']).toMatchObject({ locale: 'en' });
    expect(await storage.sweep(withoutExpiredDraft(NOW, 48 * 3_600_000))).toBe(0);
  });
});
