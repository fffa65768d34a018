import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Audience, KbLanguage } from '../../src/knowledge/article';
import { PROJECT_ROOT } from '../../src/paths';
import { evaluateFile, openKnowledgeBase } from '../../scripts/lib/kb-cli';

const kb = openKnowledgeBase({ LOG_LEVEL: 'silent' });
const DEV = path.resolve(PROJECT_ROOT, '../shared/kb-eval/dev.yaml');

describe('knowledge base evaluation sets', () => {
  // shared/ sits beside the clone in CI and on developer machines; the holdout set below is ours.
  it.runIf(existsSync(DEV))('answers every question of shared/kb-eval/dev.yaml', () => {
    const r = evaluateFile(readFileSync(DEV, 'utf8'), kb.ask);
    expect(r.failures).toEqual([]);
    expect(r.passed).toBe(r.cases);
  });

  it('answers the holdout questions (paraphrases, typos, off-topic, injection)', () => {
    const r = evaluateFile(readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/kb-holdout.yaml'), 'utf8'), kb.ask);
    expect(r.failures).toEqual([]);
    expect(r.cases).toBeGreaterThan(30);
  });

  it('answers the questions about the articles added after the content review, each with its own article', () => {
    const text = readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/kb-eval/new-articles.yaml'), 'utf8');
    const r = evaluateFile(text, kb.ask, kb.articleText);
    expect(r.failures).toEqual([]);
    const cases = parse(text) as { q: string; lang: KbLanguage; audience: Audience; article: string }[];
    const wrong = cases
      .map((c) => ({ q: c.q, want: c.article, got: kb.ask(c.q, c.lang, c.audience).articleId }))
      .filter((c) => c.got !== c.want);
    expect(wrong).toEqual([]);
    // At least two questions per new article and language.
    const perArticle = new Map<string, number>();
    for (const c of cases) perArticle.set(`${c.article}/${c.lang}`, (perArticle.get(`${c.article}/${c.lang}`) ?? 0) + 1);
    expect([...perArticle.values()].every((n) => n >= 2)).toBe(true);
    expect(perArticle.size).toBe(20);
  });

  // The sets that may guide changes (the *-test halves are left out: they judge, they do not tune).
  const TUNING_SETS = ['tuning', 'test', 'holdout-2', 'holdout-3', 'holdout-4-tuning', 'holdout-5', 'holdout-6-tuning', 'holdout-7-tuning', 'holdout-8-tuning', 'extra-8', 'holdout-9', 'holdout-10', 'holdout-11', 'holdout-12-tuning', 'holdout-12-test', 'holdout-13', 'holdout-14-tuning', 'holdout-15-tuning', 'holdout-16-tuning', 'holdout-17-tuning', 'holdout-18-tuning', 'holdout-19-tuning', 'holdout-20-tuning', 'holdout-21-tuning', 'holdout-22-tuning', 'holdout-23-tuning'];
  const tuningItems = TUNING_SETS.flatMap((name) => {
    const text = readFileSync(path.join(PROJECT_ROOT, `test/fixtures/kb-eval/${name}.yaml`), 'utf8');
    return (parse(text) as { q: string; lang: KbLanguage; audience: Audience; danger?: boolean }[]).map((item) => ({ ...item, set: name }));
  });

  it('shows 112 first for every danger item of the sets it is tuned on (someone in danger, or a child with an adult now)', () => {
    const danger = tuningItems.filter((item) => item.danger);
    expect(danger.length).toBeGreaterThan(120);
    const missed = danger.filter((item) => !kb.ask(item.q, item.lang, item.audience).danger).map((item) => `${item.set}: ${item.q}`);
    expect(missed).toEqual([]);
  });

  it('shows 112 first for the danger messages it is tuned on, and rarely for their calm look-alikes', () => {
    // The tuning half of the danger set (test/fixtures/danger-test.yaml judges; it is not read here).
    const items = parse(readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/danger-tuning.yaml'), 'utf8')) as { q: string; lang: KbLanguage; audience: Audience; danger: boolean }[];
    const flagged = (item: (typeof items)[number]) => kb.ask(item.q, item.lang, item.audience).danger;
    const danger = items.filter((item) => item.danger);
    const calm = items.filter((item) => !item.danger);
    expect(danger.filter(flagged).length / danger.length).toBeGreaterThanOrEqual(0.95);
    expect(calm.filter(flagged).length / calm.length).toBeLessThanOrEqual(0.05);
  });

  it('keeps its accuracy on the sets it is tuned on (a floor against a word-list change that breaks more than it mends)', () => {
    const results = TUNING_SETS.map((name) => evaluateFile(readFileSync(path.join(PROJECT_ROOT, `test/fixtures/kb-eval/${name}.yaml`), 'utf8'), kb.ask, kb.articleText));
    const passed = results.reduce((n, r) => n + r.passed, 0);
    const cases = results.reduce((n, r) => n + r.cases, 0);
    expect(cases).toBeGreaterThan(900);
    expect(passed / cases).toBeGreaterThanOrEqual(0.93);
  });

  it('fails a case whose expected fact is not in the answer', () => {
    const r = evaluateFile('- q: Which number does Bris have?\n  lang: en\n  audience: staff\n  expect: ["999 999"]\n', kb.ask);
    expect(r.passed).toBe(0);
    expect(r.failures[0]).toContain('lacks ["999 999"]');
  });

  it('counts per category and audience, and needs the danger flag and 112 for danger items', () => {
    const yaml = [
      '- q: "girl locked in room 214 screaming for help, what do I do"',
      '  lang: en',
      '  audience: partner',
      '  category: typo',
      '  kind: situation',
      '  danger: true',
      '  expect: ["112"]',
      '- q: "Who won the Champions League final this year?"',
      '  lang: en',
      '  audience: staff',
      '  category: out-of-scope',
      '  kind: outOfScope',
      '  no_answer: true',
    ].join('\n');
    const r = evaluateFile(yaml, kb.ask, kb.articleText);
    expect(r.failures).toEqual([]);
    expect(r.byCategory).toEqual({ typo: { passed: 1, total: 1 }, 'out-of-scope': { passed: 1, total: 1 } });
    expect(r.byAudience).toEqual({ partner: { passed: 1, total: 1 }, staff: { passed: 1, total: 1 } });
  });

  it('fails an out-of-scope item that gets choices instead of a refusal', () => {
    const ask = () => ({ answered: false, articleId: null, title: null, text: '', sources: [], score: 0, confidence: 0, kind: 'question', choices: ['helplines'], danger: false });
    const r = evaluateFile('- q: a recipe please\n  lang: en\n  audience: staff\n  kind: outOfScope\n  no_answer: true\n', ask);
    expect(r.failures[0]).toContain('expected a refusal');
  });
});

