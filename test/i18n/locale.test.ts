import { describe, expect, it } from 'vitest';
import { resolveLocale } from '../../src/i18n/locale';

describe('resolveLocale', () => {
  it.each([
    ['sv-SE', 'sv'],
    ['en-US', 'en'],
    ['EN_gb', 'en'],
    ['sv', 'sv'],
    ['fi-FI', 'sv'],
    ['', 'sv'],
    [undefined, 'sv'],
  ])('resolves %s to %s', (requested, expected) => {
    expect(resolveLocale(requested, ['sv', 'en'], 'sv')).toBe(expected);
  });

  it('falls back to the configured default, not the first supported locale', () => {
    expect(resolveLocale('de-DE', ['sv', 'en'], 'en')).toBe('en');
  });
});
