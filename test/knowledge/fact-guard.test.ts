import { describe, expect, it } from 'vitest';
import { phraseWithGuard, type AnswerPhraser } from '../../src/knowledge/answer-phraser';
import { checkGrounded } from '../../src/knowledge/fact-guard';

const SOURCE = 'NSPM:s stödtelefon 020-39 00 00 är öppen kontorstid. Betänketid i 30 dagar enligt 5 kap. 15 § utlänningslagen. Ring 112 vid fara, 114 14 för tips.';

describe('checkGrounded', () => {
  it.each([
    'Ring stödtelefonen på 020-390 000 under kontorstid.',
    'Betänketiden är 30 dagar (5 kap. 15 § utlänningslagen).',
    'Vid fara: 112. Tips: 114 14.',
    'Kontakta samordnaren.',
  ])('accepts facts that are in the sources: %s', (answer) => {
    expect(checkGrounded(answer, [SOURCE])).toEqual({ ok: true, unsupported: [] });
  });

  it.each([
    ['an invented phone number', 'Ring 020-12 34 56.', '020123456'],
    ['an invented duration', 'Betänketiden är 60 dagar.', '60d'],
    ['a changed unit', 'Betänketiden är 30 månader.', '30m'],
    ['an invented law reference', 'Enligt 6 kap. 11 § brottsbalken är det olagligt.', '6kap11§'],
    ['an invented paragraph', 'Se 26 § i lagen.', '26§'],
  ])('rejects %s', (_name, answer, fact) => {
    const r = checkGrounded(answer, [SOURCE]);
    expect(r.ok).toBe(false);
    expect(r.unsupported).toContain(fact);
  });
});

describe('phraseWithGuard (fake model at the model interface)', () => {
  const request = { question: 'Hur lång är betänketiden?', language: 'sv' as const, sources: [{ id: 'reflection-period', title: 'Betänketid', text: SOURCE }] };
  const model = (reply: string | Error): AnswerPhraser => ({
    phrase: async () => {
      if (reply instanceof Error) throw reply;
      return reply;
    },
  });

  it('keeps a grounded answer', async () => {
    expect(await phraseWithGuard(model('Betänketiden är 30 dagar [reflection-period].'), request)).toEqual({
      mode: 'generated',
      text: 'Betänketiden är 30 dagar [reflection-period].',
    });
  });

  it('discards an answer with an invented fact', async () => {
    expect(await phraseWithGuard(model('Betänketiden är 90 dagar, ring 020-11 11 11.'), request)).toMatchObject({
      mode: 'plain',
      reason: 'ungrounded',
      unsupported: ['90d', '020111111'],
    });
  });

  it('falls back when the model fails or says nothing', async () => {
    expect(await phraseWithGuard(model(new Error('429')), request)).toMatchObject({ mode: 'plain', reason: 'failed' });
    expect(await phraseWithGuard(model('   '), request)).toMatchObject({ mode: 'plain', reason: 'empty' });
  });
});

describe('phraseWithGuard timeout', () => {
  it('shows the plain article when the model hangs', async () => {
    const hanging = { phrase: () => new Promise<string>(() => undefined) };
    const request = { question: 'q', language: 'en' as const, sources: [] };
    expect(await phraseWithGuard(hanging, request, 20)).toMatchObject({ mode: 'plain', reason: 'failed' });
  });
});
