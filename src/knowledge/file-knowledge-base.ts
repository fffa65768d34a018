import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { AppError } from '../errors';
import { KB_LANGUAGES, PLACEHOLDERS, type Article, type KbLanguage, type PlaceholderName } from './article';
import { parseArticle, type KbProblem } from './parse-article';
import { KnowledgeIndex } from './search-index';
import { createThesaurus, type Thesaurus, type ThesaurusGroups } from './thesaurus';
import { validateKnowledgeBase } from './validate-knowledge-base';

/** Where the knowledge base lives: `<root>/<lng>/knowledge/*.md` and `<root>/<lng>/knowledge/thesaurus.yaml`. */
export const KNOWLEDGE_FOLDER = 'knowledge';
const THESAURUS_FILE = 'thesaurus.yaml';

export interface LoadedKnowledgeBase {
  readonly articles: readonly Article[];
  readonly index: KnowledgeIndex;
  /** The synonym groups the index was built with (the benchmark builds a larger index with them). */
  readonly thesaurus: Thesaurus;
}

const ThesaurusFile = z.array(z.array(z.coerce.string().min(1)).min(2, 'a synonym group needs at least two members'));

/**
 * Read, validate and index the knowledge base. Start-up refuses a broken knowledge base: a routine
 * that silently disappears could leave someone without the step they need, so every problem is
 * reported at once with its file, and the administrator fixes the content (or runs `kb:validate`).
 * @throws AppError('KB_INVALID') listing each problem as "file: reason".
 */
export function loadKnowledgeBase(localesRoot: string, languages: readonly KbLanguage[] = KB_LANGUAGES): LoadedKnowledgeBase {
  const problems: KbProblem[] = [];
  const articles: Article[] = [];
  const thesaurus = {} as Record<KbLanguage, ThesaurusGroups>;
  for (const lng of languages) {
    const dir = path.join(localesRoot, lng, KNOWLEDGE_FOLDER);
    if (!existsSync(dir)) {
      problems.push({ file: `${lng}/${KNOWLEDGE_FOLDER}`, message: 'folder is missing' });
      continue;
    }
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.md')).sort()) {
      const rel = `${lng}/${KNOWLEDGE_FOLDER}/${file}`;
      const result = parseArticle(rel, readFileSync(path.join(dir, file), 'utf8'), lng);
      if (result.ok) articles.push(result.article);
      else problems.push(...result.problems);
    }
    thesaurus[lng] = readThesaurus(path.join(dir, THESAURUS_FILE), `${lng}/${KNOWLEDGE_FOLDER}/${THESAURUS_FILE}`, problems);
  }
  problems.push(...validateKnowledgeBase(articles, languages));
  if (articles.length === 0 && problems.length === 0) problems.push({ file: KNOWLEDGE_FOLDER, message: 'no articles found' });
  if (problems.length > 0) {
    throw new AppError('KB_INVALID', `Knowledge base is invalid:\n${problems.map((p) => `  ${p.file}: ${p.message}`).join('\n')}`);
  }
  const compiled = createThesaurus(thesaurus);
  return { articles, index: KnowledgeIndex.build(articles, compiled), thesaurus: compiled };
}

function readThesaurus(file: string, rel: string, problems: KbProblem[]): ThesaurusGroups {
  if (!existsSync(file)) return [];
  try {
    const parsed = ThesaurusFile.safeParse(parseYaml(readFileSync(file, 'utf8')));
    if (parsed.success) return parsed.data;
    problems.push(...parsed.error.issues.map((i) => ({ file: rel, message: `${i.path.join('.')}: ${i.message}` })));
  } catch (err) {
    problems.push({ file: rel, message: `not valid YAML: ${(err as Error).message.split('\n')[0]}` });
  }
  return [];
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
