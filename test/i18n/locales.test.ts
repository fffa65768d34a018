import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SUPPORTED_LOCALES } from '../../src/config';
import { ERROR_CODES } from '../../src/errors';
import { createI18n, readLocaleResources } from '../../src/i18n/create-i18n';
import { LOCALES_DIR } from '../../src/paths';

/** Every key of a locale tree; a word list is one value (the languages' lists need not be as long). */
function flatten(obj: unknown, prefix = ''): string[] {
  if (typeof obj !== 'object' || obj === null || Array.isArray(obj)) return [prefix];
  return Object.entries(obj).flatMap(([k, v]) => flatten(v, prefix ? `${prefix}.${k}` : k));
}

function keysOf(lng: string): Set<string> {
  const resources = readLocaleResources(LOCALES_DIR)[lng] ?? {};
  return new Set(Object.entries(resources).flatMap(([ns, tree]) => flatten(tree).map((k) => `${ns}:${k}`)));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((f) => {
    const full = path.join(dir, f);
    return statSync(full).isDirectory() ? sourceFiles(full) : full.endsWith('.ts') ? [full] : [];
  });
}

describe('locales', () => {
  const [first, ...others] = SUPPORTED_LOCALES;

  it.each(others)('%s has exactly the same keys as the first locale', (lng) => {
    const a = keysOf(first);
    const b = keysOf(lng);
    expect([...a].filter((k) => !b.has(k))).toEqual([]);
    expect([...b].filter((k) => !a.has(k))).toEqual([]);
  });

  it('has no empty strings', () => {
    for (const lng of SUPPORTED_LOCALES) {
      const i18n = createI18n(LOCALES_DIR, lng);
      for (const key of keysOf(lng)) {
        const words = i18n.words(lng, key);
        expect(words.length, `${lng} ${key}`).toBeGreaterThan(0);
        for (const word of words) expect(word.trim(), `${lng} ${key}`).not.toBe('');
      }
    }
  });

  it('has a user-facing message for every error code', () => {
    for (const lng of SUPPORTED_LOCALES) {
      const keys = keysOf(lng);
      for (const code of ERROR_CODES) expect(keys.has(`common:error.${code}`), `${lng} common:error.${code}`).toBe(true);
    }
  });

  it('defines every literal key the code uses', () => {
    const keys = keysOf(first);
    const used = sourceFiles(path.resolve('src')).flatMap((file) =>
      [...readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([a-z]+:[A-Za-z0-9_.]+)'/g)].map((m) => m[1] as string),
    );
    expect(used.length).toBeGreaterThan(5);
    expect(used.filter((k) => !keys.has(k))).toEqual([]);
  });
});
