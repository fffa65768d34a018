import { describe, expect, it } from 'vitest';
import { canRead } from '../../src/knowledge/article';
import { loadKnowledgeBase } from '../../src/knowledge/file-knowledge-base';
import { KnowledgeIndex, type SearchOptions } from '../../src/knowledge/search-index';
import { LOCALES_DIR } from '../../src/paths';

const kb = loadKnowledgeBase(LOCALES_DIR);
const hits = (index: KnowledgeIndex, question: string, options: SearchOptions) =>
  index.search(question, options).map((h) => ({ id: h.article.id, score: h.score, confidence: h.confidence }));

describe('KnowledgeIndex.search', () => {
  const questions: [string, SearchOptions][] = [
    ['hur lång är betänketiden för offer för människohandel', { language: 'sv', audience: 'staff' }],
    ['vem kan ansöka om betänketid', { language: 'sv', audience: 'partner', limit: 8 }],
    ['can i tip off the police anonymously', { language: 'en', audience: 'partner' }],
    ['hur lång är betänketiden för offer för människohandel', { language: 'sv', audience: 'coordinator', limit: 1 }],
  ];

  it('answers each question as a freshly built index does, whatever was asked before (kept search, reused scratch)', () => {
    const used = KnowledgeIndex.build(kb.articles, kb.thesaurus);
    for (const [question, options] of [...questions, ...[...questions].reverse()]) {
      const fresh = KnowledgeIndex.build(kb.articles, kb.thesaurus);
      expect(hits(used, question, options)).toEqual(hits(fresh, question, options));
    }
  });

  it('shows each audience only the articles it may read, best first', () => {
    for (const audience of ['staff', 'partner', 'coordinator'] as const) {
      const found = kb.index.search('betänketid människohandel polisen', { language: 'sv', audience, limit: 8 });
      expect(found.length).toBeGreaterThan(0);
      expect(found.every((h) => canRead(audience, h.article))).toBe(true);
      expect(found.map((h) => h.score)).toEqual([...found.map((h) => h.score)].sort((a, b) => b - a));
    }
  });

  it('returns the articles asked for as well, after the best ones, when the reader may see them', () => {
    const options = { language: 'sv', audience: 'partner', limit: 2 } as const;
    const best = kb.index.search('betänketid', options).map((h) => h.article.id);
    const found = kb.index.search('betänketid', { ...options, also: ['helplines', 'reflection-period', best[0] as string, 'no-such-article'] });
    // reflection-period is for staff only; the best one is not repeated.
    expect(found.map((h) => h.article.id)).toEqual([...best, 'helplines']);
  });

  it('never shows a partner a staff or coordinator routine', () => {
    const found = kb.index.search('betänketid människohandel polisen skyddat boende', { language: 'sv', audience: 'partner', limit: 20 });
    expect(found.every((h) => h.article.audience.includes('partner'))).toBe(true);
  });
});

describe('KnowledgeIndex.correctSpelling', () => {
  it('leaves a word of the thesaurus as written, although no article uses it (it is searched through its group)', () => {
    // "skakad" (shaken) is one edit from "skadad" (injured), a word the articles do use.
    expect(kb.index.correctSpelling('personalen är skakad', 'sv')).toContain('skakad');
    expect(kb.index.correctSpelling('hon är skaddad', 'sv')).toContain('skadad');
  });

  it.each([
    ['sv', 'ska jag snacka med henne', 'ska jag prata med henne', 'what-to-do-partner'],
    ['sv', 'ska vi ringa soc', 'ska vi ringa socialtjänsten', 'child-may-be-involved'],
    ['en', 'scared of the cops', 'scared of the police', 'what-to-do-partner'],
  ] as const)('searches slang for talking to someone, the police and social services as the words themselves (%s: %s)', (language, slang, plain, id) => {
    const top = (q: string) => kb.index.search(kb.index.correctSpelling(q, language), { language, audience: 'partner', limit: 1 })[0]?.article.id;
    expect([top(slang), top(plain)]).toEqual([id, id]);
  });

  it('gives a word the synonyms of the thesaurus member it is an inflection of ("torskarna" of "torsk", "tjallat" of "tjalla")', () => {
    const top = kb.index.search(kb.index.correctSpelling('får torskarna veta att jag tjallat', 'sv'), { language: 'sv', audience: 'partner', limit: 2 }).map((h) => h.article.id);
    expect(top).toContain('tip-or-police-report');
  });

  it('leaves a word users write in several example messages as written, though no article uses it', () => {
    // "throat" is one edit from "threat", a word the articles use; "välja" one from "vilja".
    expect(kb.index.correctSpelling('sore throat tonight', 'en')).toContain('throat');
    expect(kb.index.correctSpelling('jag ska välja namn', 'sv')).toContain('välja');
    // Another form of an article's word is still corrected to it, so that the search finds it.
    expect(kb.index.correctSpelling('a guest who threatens staff', 'en')).not.toContain('threatens');
    // A typo still is one: helpers' example messages rarely repeat the same one.
    expect(kb.index.correctSpelling('how long is the reflection peroid', 'en')).toContain('period');
  });
});

describe('KnowledgeIndex.outsideLikeness', () => {
  it('tells an errand from a question about a routine, by all the routines\' examples against the messages no routine answers', () => {
    expect(kb.index.outsideLikeness('can you book a table at the restaurant for the guest in room 12', 'en')).toBeGreaterThan(0.9);
    expect(kb.index.outsideLikeness('how long is the reflection period for a victim of trafficking', 'en')).toBeLessThan(0.1);
    expect(kb.index.outsideLikeness('kan du boka ett bord på restaurangen åt gästen i rum 12', 'sv')).toBeGreaterThan(0.9);
    expect(kb.index.outsideLikeness('hur lång är betänketiden för ett offer för människohandel', 'sv')).toBeLessThan(0.1);
  });

  it('is 0 for a knowledge base without example messages', () => {
    expect(KnowledgeIndex.build(kb.articles, kb.thesaurus).outsideLikeness('can you book a table at the restaurant', 'en')).toBe(0);
  });
});
