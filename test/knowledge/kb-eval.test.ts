import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
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

  it('fails a case whose expected fact is not in the answer', () => {
    const r = evaluateFile('- q: Which number does Bris have?\n  lang: en\n  audience: staff\n  expect: ["999 999"]\n', kb.ask);
    expect(r.passed).toBe(0);
    expect(r.failures[0]).toContain('lacks ["999 999"]');
  });
});
