import { readFileSync } from 'node:fs';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadKnowledgeBase } from '../../src/knowledge/file-knowledge-base';
import { TermIndexBuilder, type QueryTerm } from '../../src/knowledge/term-index';
import { isStopword, stem, tokenize } from '../../src/knowledge/text-analysis';
import { LOCALES_DIR, PROJECT_ROOT } from '../../src/paths';

const FIELDS = ['title', 'tags', 'synonyms', 'summary', 'body'] as const;
const BOOST = { title: 3, tags: 3, synonyms: 2.5, summary: 1.5, body: 1 };
const articles = loadKnowledgeBase(LOCALES_DIR).articles.filter((a) => a.language === 'sv');
const docs = articles.map((a) => ({ id: a.id, title: a.title, tags: a.tags.join(' '), synonyms: a.synonyms.join(' '), summary: a.summary, body: [...a.steps, a.escalation, ...a.notes].join(' ') }));
const analyze = (token: string) => (isStopword(token, 'sv') ? null : stem(token, 'sv'));

const builder = new TermIndexBuilder(FIELDS.map((f) => BOOST[f]), analyze);
for (const d of docs) builder.add(FIELDS.map((f) => d[f]));
const index = builder.build();
const mini = new MiniSearch<(typeof docs)[number]>({ fields: [...FIELDS], tokenize, processTerm: analyze, searchOptions: { boost: BOOST } });
mini.addAll(docs);

const questions = (parse(readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/kb-holdout.yaml'), 'utf8')) as { q: string; lang: string }[])
  .filter((c) => c.lang === 'sv')
  .map((c) => c.q)
  .concat(['polisanmälan betänketid sekretes', 'stödtelefonen socialjouren koordinatorn', 'kvinnofridslinjen misstänkt människohandel']);

describe('TermIndex', () => {
  it.each(questions)('ranks "%s" exactly as MiniSearch does (prefix, fuzzy, term boosts)', (question) => {
    const terms = [...new Set(tokenize(question).map(analyze).filter((t): t is string => !!t))];
    const query: QueryTerm[] = terms.map((term, i) => ({ term, boost: i % 3 === 2 ? 0.6 : 1, prefix: term.length >= 5, fuzzy: term.length >= 9 ? 2 : term.length >= 5 ? 1 : 0 }));
    const expected = mini.search(terms.join(' '), {
      tokenize: (s) => s.split(' '),
      processTerm: (t) => t,
      fuzzy: (t) => query.find((q) => q.term === t)?.fuzzy || false,
      prefix: (t) => t.length >= 5,
      boostTerm: (t) => query.find((q) => q.term === t)?.boost ?? 1,
    });
    const matches = index.search(query);
    const ranked = matches.top(docs.length, () => true);
    expect(ranked.map((d) => docs[d]?.id)).toEqual(expected.map((r) => r.id));
    ranked.forEach((doc, i) => {
      const r = expected[i] as (typeof expected)[number];
      expect(matches.score(doc)).toBeCloseTo(r.score, 9);
      expect(terms.filter((_, t) => matches.has(doc, t)).sort()).toEqual([...r.queryTerms].sort());
    });
  });

  it('keeps the first-matched order for equal scores and the limit', () => {
    const b = new TermIndexBuilder([1], (t) => t);
    for (const text of ['vit bil', 'vit bil', 'bil', 'vit bil']) b.add([text]);
    const matches = b.build().search([{ term: 'vit', boost: 1, prefix: false, fuzzy: 0 }]);
    expect(matches.top(2, () => true)).toEqual([0, 1]);
    expect(matches.top(5, (doc) => doc !== 1)).toEqual([0, 3]);
  });

  it('finds fuzzy matches with another first letter unless told to keep it', () => {
    const b = new TermIndexBuilder([1], (t) => t);
    for (const text of ['reason', 'season', 'tension']) b.add([text]);
    const index = b.build();
    const docs = (fuzzyKeepsFirstLetter: boolean) => [...index.search([{ term: 'teason', boost: 1, prefix: false, fuzzy: 1, fuzzyKeepsFirstLetter }]).docs];
    expect(docs(false)).toEqual([0, 1]);
    expect(docs(true)).toEqual([]);
  });

  it('counts tokens and lists its terms', () => {
    const b = new TermIndexBuilder([1, 1], analyze);
    b.add(['Polisen ringde', 'och polisen väntade']);
    expect(new Map(b.tokenCounts())).toEqual(new Map([['polisen', 2], ['ringde', 1], ['och', 1], ['väntade', 1]]));
    expect([...b.build().terms()].sort()).toEqual([stem('polisen', 'sv'), stem('ringde', 'sv'), stem('väntade', 'sv')].sort());
  });
});
