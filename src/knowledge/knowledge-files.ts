import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { KB_LANGUAGES, type KbLanguage } from './article';

/** Where the knowledge base lives: `<root>/<lng>/knowledge/*.md`, with `thesaurus.yaml`, `examples.yaml`, `outside.yaml` and `danger.yaml` beside them. */
export const KNOWLEDGE_FOLDER = 'knowledge';
export const THESAURUS_FILE = 'thesaurus.yaml';
export const EXAMPLES_FILE = 'examples.yaml';
export const OUTSIDE_FILE = 'outside.yaml';
export const DANGER_FILE = 'danger.yaml';
/** The YAML files read beside the articles. */
const YAML_FILES: readonly string[] = [THESAURUS_FILE, EXAMPLES_FILE, OUTSIDE_FILE, DANGER_FILE];

/**
 * The text of a knowledge base, as read from a folder or from a published version: per language
 * whose folder exists, file name (`helplines.md`, `thesaurus.yaml`) → text. A language that is
 * missing had no folder; one that is present with no files had an empty folder.
 */
export type KnowledgeFiles = Readonly<Partial<Record<KbLanguage, Readonly<Record<string, string>>>>>;

/** Is this a file the knowledge base reads (an article, the thesaurus, the example messages)? Everything else in the folder is ignored. */
export function isKnowledgeFile(name: string): boolean {
  return (name.endsWith('.md') || YAML_FILES.includes(name)) && !/[\\/]/.test(name);
}

/**
 * Read the knowledge-base files of a folder laid out as `locales/` is (`<root>/<lng>/knowledge/`).
 * Only articles (`*.md`), `thesaurus.yaml`, `examples.yaml`, `outside.yaml` and `danger.yaml` are read, in name order.
 */
export function readKnowledgeFiles(root: string, languages: readonly KbLanguage[] = KB_LANGUAGES): KnowledgeFiles {
  const out: Partial<Record<KbLanguage, Record<string, string>>> = {};
  for (const lng of languages) {
    const dir = path.join(root, lng, KNOWLEDGE_FOLDER);
    if (!existsSync(dir)) continue;
    const files: Record<string, string> = {};
    for (const file of readdirSync(dir).filter(isKnowledgeFile).sort()) files[file] = readFileSync(path.join(dir, file), 'utf8');
    out[lng] = files;
  }
  return out;
}
