import { readKnowledgeFiles, type KnowledgeFiles } from '../../src/knowledge/knowledge-files';
import { LOCALES_DIR } from '../../src/paths';

/** The shipped example's knowledge-base files (read once per test file). */
export const SHIPPED_FILES: KnowledgeFiles = readKnowledgeFiles(LOCALES_DIR);

/** A copy of the shipped files with one file's text changed by `edit`. */
export function withFile(files: KnowledgeFiles, lng: 'sv' | 'en', file: string, edit: (text: string) => string): KnowledgeFiles {
  const folder = files[lng] ?? {};
  const text = folder[file];
  if (text === undefined) throw new Error(`${lng}/${file} is not in the files`);
  return { ...files, [lng]: { ...folder, [file]: edit(text) } };
}

/** The first numbered step of an article, a line the answer card shows as written. */
export function firstStep(text: string): string {
  const m = /^1\.\s+(.+)$/m.exec(text);
  if (!m?.[1]) throw new Error('no numbered step');
  return m[1];
}
