import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/knowledge/answer';
import { loadKnowledgeBase, loadLocalValues } from '../../src/knowledge/file-knowledge-base';
import { LOCALES_DIR } from '../../src/paths';

let dirs: string[] = [];
function copyOfLocales(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'kb-'));
  cpSync(LOCALES_DIR, dir, { recursive: true });
  dirs.push(dir);
  return dir;
}
afterEach(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});

function loadError(root: string): string {
  try {
    loadKnowledgeBase(root);
  } catch (err) {
    expect(err).toMatchObject({ code: 'KB_INVALID' });
    return (err as Error).message;
  }
  throw new Error('expected the knowledge base to be refused');
}

describe('loadKnowledgeBase', () => {
  it('loads the shipped example knowledge base: every routine in Swedish and English', () => {
    const kb = loadKnowledgeBase(LOCALES_DIR);
    const sv = kb.articles.filter((a) => a.language === 'sv').map((a) => a.id).sort();
    const en = kb.articles.filter((a) => a.language === 'en').map((a) => a.id).sort();
    expect(sv.length).toBeGreaterThanOrEqual(23);
    expect(sv).toEqual(en);
    expect(kb.articles.every((a) => a.example && a.sources.length > 0)).toBe(true);
  });

  it('refuses a broken article, naming the file and the reason', () => {
    const root = copyOfLocales();
    const file = path.join(root, 'sv/knowledge/helplines.md');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/^audience: .*$/m, 'audience: []'));
    expect(loadError(root)).toContain('sv/knowledge/helplines.md: audience: must name at least one of staff, partner, coordinator');
  });

  it('refuses an article that exists in one language only', () => {
    const root = copyOfLocales();
    rmSync(path.join(root, 'en/knowledge/helplines.md'));
    expect(loadError(root)).toContain('article "helplines" has no en version (expected en/helplines.md)');
  });

  it('refuses a duplicate id and an audience that differs between languages', () => {
    const root = copyOfLocales();
    const src = readFileSync(path.join(root, 'sv/knowledge/helplines.md'), 'utf8');
    writeFileSync(path.join(root, 'sv/knowledge/copy.md'), src.replace('id: helplines', 'id: copy'));
    const en = path.join(root, 'en/knowledge/acute-protection.md');
    writeFileSync(en, readFileSync(en, 'utf8').replace(/^audience: .*$/m, 'audience: [staff, partner]'));
    const message = loadError(root);
    expect(message).toContain('article "copy" has no en version');
    expect(message).toContain('en/knowledge/acute-protection.md: audience [partner,staff] differs');
  });

  it('refuses an article whose languages have different numbers of steps', () => {
    const root = copyOfLocales();
    const en = path.join(root, 'en/knowledge/helplines.md');
    writeFileSync(en, readFileSync(en, 'utf8').replace(/^7\. .*$/m, ''));
    expect(loadError(root)).toContain('en/knowledge/helplines.md: has 6 steps, but sv/knowledge/helplines.md has 7');
  });

  it('refuses a knowledge base without a routine the bot shows by id, or one its readers cannot read', () => {
    const root = copyOfLocales();
    rmSync(path.join(root, 'sv/knowledge/what-to-do-partner.md'));
    rmSync(path.join(root, 'en/knowledge/what-to-do-partner.md'));
    for (const l of ['sv', 'en']) {
      const f = path.join(root, `${l}/knowledge/child-may-be-involved.md`);
      writeFileSync(f, readFileSync(f, 'utf8').replace(/^audience: .*$/m, 'audience: [staff]'));
    }
    const message = loadError(root);
    expect(message).toContain('sv/knowledge/what-to-do-partner.md: required routine "what-to-do-partner" is missing');
    expect(message).toContain('required routine "child-may-be-involved" must be readable by partner');
  });

  it('uses {{socialjourRoute}} as the whole route: its value already names the socialjour', () => {
    // "socialjouren via {{socialjourRoute}}" reads "socialjouren via socialjouren (…)" once filled.
    const kb = loadKnowledgeBase(LOCALES_DIR);
    const doubled = kb.articles.filter((a) =>
      [a.summary, ...a.steps, a.escalation, ...a.notes].some((t) => /socialjour\S*\)?\s+(via\s+)?\{\{\s*socialjourRoute/i.test(t)),
    );
    expect(doubled.map((a) => a.file)).toEqual([]);
  });

  it('refuses a thesaurus group with a single member', () => {
    const root = copyOfLocales();
    writeFileSync(path.join(root, 'en/knowledge/thesaurus.yaml'), '- [lonely]\n');
    expect(loadError(root)).toContain('en/knowledge/thesaurus.yaml: 0: a synonym group needs at least two members');
  });

  it('refuses example messages for an article that does not exist, and an example that is not text', () => {
    const root = copyOfLocales();
    writeFileSync(path.join(root, 'sv/knowledge/examples.yaml'), 'no-such-routine:\n  - "vad gör jag nu"\n');
    expect(loadError(root)).toContain('sv/knowledge/examples.yaml: examples for "no-such-routine", which is no article');
    writeFileSync(path.join(root, 'sv/knowledge/examples.yaml'), 'helplines:\n  - ""\n');
    expect(loadError(root)).toContain('sv/knowledge/examples.yaml: helplines.0:');
  });

  it('refuses a list of messages outside the knowledge base that is not a list of texts', () => {
    const root = copyOfLocales();
    writeFileSync(path.join(root, 'en/knowledge/outside.yaml'), 'wifi: "what is the password"\n');
    expect(loadError(root)).toContain('en/knowledge/outside.yaml: : Expected array');
  });

  it('refuses examples of danger without the calm look-alikes beside them', () => {
    const root = copyOfLocales();
    writeFileSync(path.join(root, 'sv/knowledge/danger.yaml'), 'danger:\n  - "hon får inte gå ut"\n');
    expect(loadError(root)).toContain('sv/knowledge/danger.yaml: calm: Required');
  });

  it('answers as before from a knowledge base with messages outside it but no examples of its routines', () => {
    const root = copyOfLocales();
    rmSync(path.join(root, 'en/knowledge/examples.yaml'));
    const kb = loadKnowledgeBase(root);
    const r = answerQuestion('Which number does Bris have for children?', kb.index, { language: 'en', audience: 'staff' });
    expect(r.type === 'answer' && r.article.sources.length > 0).toBe(true);
  });

  it('reads local placeholder values and rejects unknown names', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'local-'));
    dirs.push(dir);
    const good = path.join(dir, 'good.yaml');
    writeFileSync(good, 'sv:\n  localCoordinator: "Samordnaren i Kiruna"\n');
    expect(loadLocalValues(good)).toEqual({ sv: { localCoordinator: 'Samordnaren i Kiruna' } });
    const bad = path.join(dir, 'bad.yaml');
    writeFileSync(bad, 'sv:\n  hotline: "020-00 00 00"\n');
    expect(() => loadLocalValues(bad)).toThrow(/bad\.yaml: sv\.hotline/);
  });
});
