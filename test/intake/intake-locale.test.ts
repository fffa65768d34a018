import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { normalizeForMatch } from '../../src/intake/normalize-text';
import { COMMAND_WORDS } from '../../src/intake/reasons';
import { FORM, labelsOf, RESOURCES } from './support';

const SRC = path.resolve('src', 'intake');
const sources = readdirSync(SRC).filter((f) => f.endsWith('.ts')).map((f) => readFileSync(path.join(SRC, f), 'utf8'));
const LANGUAGES = ['sv', 'en'] as const;

function valueAt(lng: string, key: string): unknown {
  const [ns, dotted] = key.split(':') as [string, string];
  return dotted.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], RESOURCES[lng]?.[ns]);
}

function allStrings(node: unknown): string[] {
  if (typeof node === 'string') return [node];
  if (Array.isArray(node)) return node.flatMap(allStrings);
  if (node && typeof node === 'object') return Object.values(node).flatMap(allStrings);
  return [];
}

describe('intake locale', () => {
  it('has every intake key the engine uses, in every language', () => {
    const used = [...new Set(sources.flatMap((s) => [...s.matchAll(/'(intake:[A-Za-z0-9_.]+)'/g)].map((m) => m[1] as string)))];
    expect(used.length).toBeGreaterThan(30);
    for (const lng of LANGUAGES) {
      const missing = used.filter((k) => { const v = valueAt(lng, k); return typeof v !== 'string' && !Array.isArray(v); });
      expect(missing, lng).toEqual([]);
    }
  });

  it('has a label for every option of every field in both languages', () => {
    for (const lng of LANGUAGES) {
      for (const f of FORM.fields) for (const o of f.options ?? []) expect(typeof valueAt(lng, o.labelKey), `${lng} ${f.id}.${o.value}`).toBe('string');
    }
  });

  it('keeps command words apart from answers, so typing an answer never runs a command', () => {
    const commands = Object.values(COMMAND_WORDS).flatMap(labelsOf).map(normalizeForMatch);
    const answers = [
      ...['yes', 'no', 'unsure', 'none', 'now', 'today', 'yesterday'].flatMap((w) => labelsOf(`intake:words.${w}`)),
      ...FORM.fields.flatMap((f) => (f.options ?? []).flatMap((o) => [...labelsOf(o.labelKey), ...(o.wordsKey ? labelsOf(o.wordsKey) : [])])),
    ].map(normalizeForMatch);
    expect(commands.filter((c) => answers.includes(c))).toEqual([]);
    expect(new Set(commands).size).toBe(commands.length);
  });

  it('says exactly what the 112 screen must say', () => {
    expect(valueAt('sv', 'intake:emergency.message')).toBe('Ring 112 nu. Ingrip inte och konfrontera ingen – din egen säkerhet går först.');
    expect(valueAt('en', 'intake:emergency.message')).toBe('Call 112 now. Do not intervene and do not confront anyone – your own safety comes first.');
  });

  it('leaves the socialjour route to the edge as a placeholder', () => {
    for (const lng of LANGUAGES) expect(valueAt(lng, 'intake:notice.childProtection.body')).toContain('{{socialjourRoute}}');
  });

  it('names no phone numbers but 112 and 114 14 (domain.md A4)', () => {
    for (const lng of LANGUAGES) {
      const numbers = allStrings(RESOURCES[lng]).flatMap((s) => s.match(/\d{3,}(?:[ -]\d+)*/g) ?? []);
      expect([...new Set(numbers)].sort(), lng).toEqual(['112', '114 14']);
    }
  });

  it('keeps the intake domain free of i18next and framework imports', () => {
    const offenders = sources.filter((s) => /from '(i18next|botbuilder[^']*|@microsoft\/teams-ai|restify|@azure\/[^']*)'/.test(s));
    expect(offenders).toEqual([]);
  });
});
