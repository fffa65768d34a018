import { readFileSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError } from '../errors';
import { KB_LANGUAGES, PLACEHOLDERS, type KbLanguage, type PlaceholderName } from './article';
import { buildKnowledgeBase, type LoadedKnowledgeBase } from './build-knowledge-base';
import { readKnowledgeFiles } from './knowledge-files';

/**
 * Read, validate and index the knowledge base of a folder laid out as `locales/` is. Start-up
 * refuses a broken knowledge base (see `buildKnowledgeBase`); `kb:validate` and `kb:publish` read
 * a folder the same way.
 * @throws AppError('KB_INVALID') listing each problem as "file: reason".
 */
export function loadKnowledgeBase(localesRoot: string, languages: readonly KbLanguage[] = KB_LANGUAGES): LoadedKnowledgeBase {
  return buildKnowledgeBase(readKnowledgeFiles(localesRoot, languages), languages);
}

const LocalValuesFile = z.record(z.enum(KB_LANGUAGES), z.record(z.enum(PLACEHOLDERS), z.string().trim().min(1)).optional());

/** The municipality's own values for the placeholders (`KB_LOCAL_VALUES_FILE`), per language. */
export function loadLocalValues(file: string): Partial<Record<KbLanguage, Partial<Record<PlaceholderName, string>>>> {
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AppError('KB_INVALID', `${file}: cannot read local values (${(err as Error).message.split('\n')[0]})`);
  }
  const parsed = LocalValuesFile.safeParse(raw);
  if (!parsed.success) {
    throw new AppError('KB_INVALID', `${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  return parsed.data;
}
