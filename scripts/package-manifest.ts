/**
 * `npm run package`: builds the Teams app package (build/samverka-<version>.zip) from manifests/.
 *
 * Fills the `${{NAME}}` placeholders of manifests/manifest.template.json, validates the manifest and
 * its localization files offline against the official schemas bundled in `@microsoft/app-manifest`,
 * checks the icons (size; outline white on transparent) and zips manifest.json, the localization
 * files and the icons at the zip root.
 *
 * Environment (CLI only): MICROSOFT_APP_ID (the bot's Entra app id; without it a placeholder id is
 * used and the package is for validation only), TEAMS_APP_ID (default: MICROSOFT_APP_ID),
 * BOT_DOMAIN (default samverka.example.org). The version comes from package.json.
 */
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import AdmZip from 'adm-zip';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { decodePng, readPngHeader } from '../manifests/tools/png';

export const PLACEHOLDERS = ['TEAMS_APP_ID', 'MICROSOFT_APP_ID', 'BOT_DOMAIN', 'APP_VERSION'] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];

export interface BuildAppPackageOptions {
  /** Folder with manifest.template.json, the localization files and the icons. */
  manifestDir: string;
  /** Where the zip is written (created if missing). */
  outDir: string;
  values: Record<PlaceholderName, string>;
}

export interface AppPackage {
  zipPath: string;
  /** The filled manifest, as written to manifest.json in the zip. */
  manifest: object;
}

/** Thrown when the package cannot be built; `problems` has one line per problem. */
export class AppPackageError extends Error {
  constructor(readonly problems: string[]) {
    super(`The Teams app package is invalid:\n${problems.map((p) => `- ${p}`).join('\n')}`);
    this.name = 'AppPackageError';
  }
}

export const TEMPLATE_FILE = 'manifest.template.json';
const ICON_SIZES = { color: 192, outline: 32 } as const;
const PLACEHOLDER = /\$\{\{\s*([A-Za-z0-9_]*)\s*\}\}/g;
const SEMVER = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;
const HOST = /^(?=.{1,253}$)[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*(:\d{1,5})?$/;
/** Keys of a localization file that are not translated strings. */
const LOCALIZATION_META_KEYS = new Set(['$schema', 'localizationKeys']);

type Json = Record<string, unknown>;
type Schema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

/** Builds `<outDir>/samverka-<APP_VERSION>.zip`; throws an {@link AppPackageError} listing every problem found. */
export async function buildAppPackage(options: BuildAppPackageOptions): Promise<AppPackage> {
  const { manifestDir, outDir, values } = options;
  checkValues(values);

  const template = await readFile(path.join(manifestDir, TEMPLATE_FILE), 'utf8');
  const manifest = parseJson(TEMPLATE_FILE, fillPlaceholders(TEMPLATE_FILE, template, values));
  const schemas = bundledSchemas(manifest.manifestVersion);
  const problems = [
    ...checkSchemaUrl('manifest.json', manifest.$schema, schemas.manifestUrl),
    ...(await validate('manifest.json', manifest, schemas.manifest)),
  ];
  const entries = new Map<string, Buffer>([['manifest.json', Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`)]]);

  const localizable = localizablePaths(manifest, schemas.localization);
  for (const file of localizationFiles(manifest)) {
    const content = await readPackageFile(manifestDir, file, problems);
    if (!content) continue;
    let strings: Json;
    try {
      strings = parseJson(file, fillPlaceholders(file, content.toString('utf8'), values));
    } catch (error) {
      problems.push(...(error instanceof AppPackageError ? error.problems : [String(error)]));
      continue;
    }
    problems.push(
      ...checkSchemaUrl(file, strings.$schema, schemas.localizationUrl),
      ...(await validate(file, strings, schemas.localization)),
      ...checkLocalizedKeys(file, strings, localizable),
    );
    entries.set(file, Buffer.from(`${JSON.stringify(strings, null, 2)}\n`));
  }

  const icons = isObject(manifest.icons) ? manifest.icons : {};
  for (const [kind, size] of Object.entries(ICON_SIZES) as [keyof typeof ICON_SIZES, number][]) {
    const file = icons[kind];
    if (typeof file !== 'string') continue; // the schema reports the missing icon
    const png = await readPackageFile(manifestDir, file, problems);
    if (!png) continue;
    problems.push(...checkIcon(file, png, size, kind === 'outline'));
    entries.set(file, png);
  }

  if (problems.length > 0) throw new AppPackageError(problems);

  const zip = new AdmZip();
  for (const [name, data] of entries) zip.addFile(name, data);
  await mkdir(outDir, { recursive: true });
  const zipPath = path.join(outDir, `samverka-${values.APP_VERSION}.zip`);
  await writeFile(zipPath, zip.toBuffer());
  return { zipPath, manifest };
}

function checkValues(values: Record<PlaceholderName, string>): void {
  const problems = PLACEHOLDERS.filter((name) => !values[name]?.trim()).map((name) => `placeholder \${{${name}}} has no value`);
  if (values.BOT_DOMAIN?.trim() && !HOST.test(values.BOT_DOMAIN)) {
    problems.push(`BOT_DOMAIN must be a host name such as samverka.example.org (no scheme, no path), got "${values.BOT_DOMAIN}"`);
  }
  if (values.APP_VERSION?.trim() && !SEMVER.test(values.APP_VERSION)) {
    problems.push(`APP_VERSION must be MAJOR.MINOR.PATCH (Teams accepts no pre-release suffix), got "${values.APP_VERSION}"`);
  }
  if (problems.length > 0) throw new AppPackageError(problems);
}

/** Replaces `${{NAME}}` with the JSON-escaped value; any placeholder left over is an error that names it. */
function fillPlaceholders(file: string, text: string, values: Record<PlaceholderName, string>): string {
  const unfilled = new Set<string>();
  const filled = text.replace(PLACEHOLDER, (match, name: string) => {
    if (!(PLACEHOLDERS as readonly string[]).includes(name)) {
      unfilled.add(match);
      return match;
    }
    return JSON.stringify(values[name as PlaceholderName]).slice(1, -1);
  });
  if (unfilled.size > 0) {
    throw new AppPackageError([...unfilled].map((p) => `${file}: unfilled placeholder ${p} (known placeholders: ${PLACEHOLDERS.join(', ')})`));
  }
  return filled;
}

function parseJson(file: string, text: string): Json {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new AppPackageError([`${file}: not valid JSON: ${(error as Error).message}`]);
  }
  if (!isObject(value)) throw new AppPackageError([`${file}: must be a JSON object`]);
  return value;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The schemas `@microsoft/app-manifest` bundles for a manifest version: no network needed. */
function bundledSchemas(manifestVersion: unknown) {
  const base = path.join(path.dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas', 'teams');
  const dir = path.join(base, `v${String(manifestVersion)}`);
  const url = `https://developer.microsoft.com/json-schemas/teams/v${String(manifestVersion)}`;
  let manifest: Schema;
  let localization: Schema;
  try {
    manifest = require(path.join(dir, 'MicrosoftTeams.schema.json')) as Schema;
    localization = repairPatterns(require(path.join(dir, 'MicrosoftTeams.Localization.schema.json')) as Schema);
  } catch {
    throw new AppPackageError([
      `manifest.json: no bundled schema for manifestVersion ${JSON.stringify(manifestVersion)} in @microsoft/app-manifest (looked in ${dir})`,
    ]);
  }
  return {
    manifest,
    localization,
    manifestUrl: `${url}/MicrosoftTeams.schema.json`,
    localizationUrl: `${url}/MicrosoftTeams.Localization.schema.json`,
  };
}

/**
 * The bundled localization schemas (v1.19–v1.30) contain patterns with an unescaped `]`
 * (`…\b]\.description$`), which ajv rejects because it compiles patterns with the `u` flag
 * ("Lone quantifier brackets"). Escaping a `]` outside a character class keeps its meaning
 * (a literal `]`) and makes the pattern valid in unicode mode.
 */
function repairPatterns<T>(schema: T): T {
  const fix = (pattern: string): string => {
    try {
      new RegExp(pattern, 'u');
      return pattern;
    } catch {
      let out = '';
      let inClass = false;
      for (let i = 0; i < pattern.length; i++) {
        const ch = pattern[i]!;
        if (ch === '\\') {
          out += ch + (pattern[i + 1] ?? '');
          i++;
        } else if (ch === '[' && !inClass) {
          inClass = true;
          out += ch;
        } else if (ch === ']') {
          out += inClass ? ch : '\\]';
          inClass = false;
        } else {
          out += ch;
        }
      }
      return out;
    }
  };
  const walk = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(walk);
    if (!isObject(node)) return node;
    return Object.fromEntries(
      Object.entries(node).map(([key, value]) => {
        if (key === 'pattern' && typeof value === 'string') return [key, fix(value)];
        if (key === 'patternProperties' && isObject(value)) return [key, Object.fromEntries(Object.entries(value).map(([p, v]) => [fix(p), walk(v)]))];
        return [key, walk(value)];
      }),
    );
  };
  return walk(schema) as T;
}

function checkSchemaUrl(file: string, actual: unknown, expected: string): string[] {
  return actual === expected ? [] : [`${file}: "$schema" must be ${expected} (the version of manifestVersion), is ${JSON.stringify(actual)}`];
}

/** Validates with the official schema; one line per schema error: `<file>: <instancePath> <message>. Details: …`. */
async function validate(file: string, document: Json, schema: Schema): Promise<string[]> {
  const errors = await AppManifestUtils.validateAgainstSchema(document as unknown as AppManifest, schema);
  return errors.map((error) => `${file}: ${error.startsWith(' ') ? `(root)${error}` : error}`);
}

function localizationFiles(manifest: Json): string[] {
  const info = isObject(manifest.localizationInfo) ? manifest.localizationInfo : {};
  const additional = Array.isArray(info.additionalLanguages) ? info.additionalLanguages : [];
  return [info.defaultLanguageFile, ...additional.map((language) => (isObject(language) ? language.file : undefined))].filter(
    (file): file is string => typeof file === 'string',
  );
}

/** Reads a file the manifest refers to; it must lie inside the manifest folder. */
async function readPackageFile(manifestDir: string, file: string, problems: string[]): Promise<Buffer | undefined> {
  if (path.isAbsolute(file) || file.split(/[\\/]/).includes('..')) {
    problems.push(`manifest.json: "${file}" must be a path inside the package`);
    return undefined;
  }
  try {
    return await readFile(path.join(manifestDir, file));
  } catch {
    problems.push(`manifest.json: refers to "${file}", which is not in ${manifestDir}`);
    return undefined;
  }
}

/**
 * Paths of the manifest's strings that a localization file may translate (`name.short`,
 * `bots[0].commandLists[1].commands[2].title`, …), as defined by the localization schema's
 * properties and pattern properties.
 */
function localizablePaths(manifest: Json, localizationSchema: Schema): Set<string> {
  const schema = localizationSchema as { properties?: Json; patternProperties?: Json };
  const names = new Set(Object.keys(schema.properties ?? {}).filter((key) => !LOCALIZATION_META_KEYS.has(key)));
  const patterns = Object.keys(schema.patternProperties ?? {}).map((p) => new RegExp(p, 'u'));
  const paths = new Set<string>();
  const walk = (node: unknown, at: string): void => {
    if (typeof node === 'string') {
      if (names.has(at) || patterns.some((p) => p.test(at))) paths.add(at);
    } else if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, `${at}[${i}]`));
    } else if (isObject(node)) {
      for (const [key, value] of Object.entries(node)) walk(value, at ? `${at}.${key}` : key);
    }
  };
  walk(manifest, '');
  return paths;
}

/** Every key must translate a string the manifest has, and every localizable string must be translated. */
function checkLocalizedKeys(file: string, strings: Json, localizable: Set<string>): string[] {
  const keys = Object.keys(strings).filter((key) => !LOCALIZATION_META_KEYS.has(key));
  return [
    ...keys.filter((key) => !localizable.has(key)).map((key) => `${file}: "${key}" does not match a localizable string in the manifest`),
    ...[...localizable].filter((key) => !keys.includes(key)).map((key) => `${file}: no translation for "${key}"`),
  ];
}

function checkIcon(file: string, png: Buffer, size: number, isOutline: boolean): string[] {
  let header;
  try {
    header = readPngHeader(png);
  } catch {
    return [`${file}: not a PNG file`];
  }
  if (header.width !== size || header.height !== size) {
    return [`${file}: must be ${size}×${size} pixels, is ${header.width}×${header.height}`];
  }
  if (!isOutline) return [];

  // Teams: the outline icon is white (#FFFFFF) on a transparent background, nothing else.
  let rgba: Uint8Array;
  try {
    ({ rgba } = decodePng(png));
  } catch (error) {
    return [`${file}: cannot check the pixels: ${(error as Error).message}`];
  }
  let coloured = 0;
  let firstColoured = '';
  let transparent = 0;
  for (let i = 0; i < rgba.length; i += 4) {
    if (rgba[i + 3] === 0) {
      transparent++;
    } else if (rgba[i] !== 255 || rgba[i + 1] !== 255 || rgba[i + 2] !== 255) {
      if (coloured++ === 0) {
        const hex = [...rgba.subarray(i, i + 3)].map((v) => v.toString(16).padStart(2, '0')).join('').toUpperCase();
        firstColoured = ` (first at x=${(i / 4) % size}, y=${Math.floor(i / 4 / size)}: #${hex})`;
      }
    }
  }
  const problems: string[] = [];
  if (coloured > 0) {
    problems.push(`${file}: the outline icon must be white (#FFFFFF) on transparent; ${coloured} pixel(s) have another colour${firstColoured}`);
  }
  if (transparent === 0) problems.push(`${file}: the outline icon must have a transparent background`);
  return problems;
}

const VALIDATION_ONLY_APP_ID = '00000000-0000-0000-0000-000000000000';

async function main(): Promise<number> {
  const root = path.resolve(__dirname, '..');
  const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
  let appId = process.env.MICROSOFT_APP_ID?.trim();
  if (!appId) {
    appId = VALIDATION_ONLY_APP_ID;
    console.warn(`warning: MICROSOFT_APP_ID is not set; using ${appId}. This package is for validation only and cannot be installed in Teams.`);
  }
  try {
    const { zipPath } = await buildAppPackage({
      manifestDir: path.join(root, 'manifests'),
      outDir: path.join(root, 'build'),
      values: {
        MICROSOFT_APP_ID: appId,
        TEAMS_APP_ID: process.env.TEAMS_APP_ID?.trim() || appId,
        BOT_DOMAIN: process.env.BOT_DOMAIN?.trim() || 'samverka.example.org',
        APP_VERSION: version,
      },
    });
    console.log(zipPath);
    return 0;
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    return 1;
  }
}

if (require.main === module) {
  void main().then((code) => {
    process.exitCode = code;
  });
}
