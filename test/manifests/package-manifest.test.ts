import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';
import AdmZip from 'adm-zip';
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodePng, encodePng, readPngHeader } from '../../manifests/tools/png';
import { buildAppPackage, TEMPLATE_FILE, type AppPackage, type BuildAppPackageOptions } from '../../scripts/package-manifest';

const ROOT = path.resolve(__dirname, '..', '..');
const MANIFESTS = path.join(ROOT, 'manifests');
const VALUES: BuildAppPackageOptions['values'] = {
  TEAMS_APP_ID: '11111111-2222-4333-8444-555555555555',
  MICROSOFT_APP_ID: '8a3f2c1e-1b2c-4d5e-8f90-123456789abc',
  BOT_DOMAIN: 'samverka.kommun.example',
  APP_VERSION: '1.2.3',
};

const tempDirs: string[] = [];
async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'samverka-manifest-'));
  tempDirs.push(dir);
  return dir;
}
afterAll(async () => {
  await Promise.all(tempDirs.map((d) => rm(d, { recursive: true, force: true })));
});

/** A copy of manifests/ to break, and an empty output folder. */
async function copyOfManifests(): Promise<{ manifestDir: string; outDir: string }> {
  const manifestDir = await tempDir();
  await cp(MANIFESTS, manifestDir, { recursive: true });
  return { manifestDir, outDir: await tempDir() };
}

async function editJson(file: string, edit: (json: Record<string, any>) => void): Promise<void> {
  const json = JSON.parse(await readFile(file, 'utf8'));
  edit(json);
  await writeFile(file, JSON.stringify(json, null, 2));
}

async function buildError(options: BuildAppPackageOptions): Promise<string> {
  const error = await buildAppPackage(options).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  // A failed build leaves no package behind.
  expect(await readdir(options.outDir).catch(() => [])).toEqual([]);
  return (error as Error).message;
}

function bundledSchema(manifestVersion: string): Parameters<typeof AppManifestUtils.validateAgainstSchema>[1] {
  const schemas = path.join(path.dirname(require.resolve('@microsoft/app-manifest')), 'json-schemas', 'teams');
  return require(path.join(schemas, `v${manifestVersion}`, 'MicrosoftTeams.schema.json'));
}

describe('buildAppPackage', () => {
  describe('with the real manifests/', () => {
    let built: AppPackage & { outDir: string; zip: AdmZip };
    beforeAll(async () => {
      const outDir = await tempDir();
      const result = await buildAppPackage({ manifestDir: MANIFESTS, outDir, values: VALUES });
      built = { ...result, outDir, zip: new AdmZip(result.zipPath) };
    });
    const entry = (name: string): Buffer => built.zip.readFile(name) ?? Buffer.alloc(0);
    const manifestJson = () => JSON.parse(entry('manifest.json').toString('utf8'));

    it('writes <outDir>/samverka-<version>.zip with manifest, en.json and both icons at the root', () => {
      const { zipPath, outDir, zip } = built;
      expect(zipPath).toBe(path.join(outDir, 'samverka-1.2.3.zip'));
      expect(zip.getEntries().map((e) => e.entryName).sort()).toEqual(['color.png', 'en.json', 'manifest.json', 'outline.png']);
    });

    it('fills the app id, bot id, domain and version into manifest.json', () => {
      const manifest = manifestJson();
      expect(manifest.id).toBe(VALUES.TEAMS_APP_ID);
      expect(manifest.bots[0].botId).toBe(VALUES.MICROSOFT_APP_ID);
      expect(manifest.version).toBe('1.2.3');
      expect(manifest.validDomains).toEqual(['samverka.kommun.example']);
      expect(manifest.developer.privacyUrl).toBe('https://samverka.kommun.example/privacy');
      expect(manifestJson()).toEqual(built.manifest);
      for (const name of ['manifest.json', 'en.json']) expect(entry(name).toString('utf8')).not.toContain('${{');
    });

    it('produces a manifest that the official bundled schema accepts', async () => {
      const manifest = manifestJson();
      expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${manifest.manifestVersion}/MicrosoftTeams.schema.json`);
      expect(Number(manifest.manifestVersion)).toBeGreaterThanOrEqual(1.19);
      expect(await AppManifestUtils.validateAgainstSchema(manifest as AppManifest, bundledSchema(manifest.manifestVersion))).toEqual([]);
    });

    it('describes a Swedish bot for personal chat and teams, with its commands in Swedish and English', () => {
      const manifest = manifestJson();
      const en = JSON.parse(entry('en.json').toString('utf8'));
      expect(manifest.localizationInfo).toEqual({ defaultLanguageTag: 'sv', additionalLanguages: [{ languageTag: 'en', file: 'en.json' }] });
      expect(manifest.name).toEqual({ short: 'Samverka', full: 'Samverka – lokal samverkan mot människohandel' });
      expect(manifest.description.full).toContain('112');
      expect(en['description.full']).toContain('112');
      const [bot] = manifest.bots;
      expect(bot.scopes).toEqual(expect.arrayContaining(['personal', 'team']));
      expect(bot.supportsFiles).toBe(false);
      expect(bot.commandLists.map((list: { scopes: string[] }) => list.scopes)).toEqual([['personal'], ['team']]);
      bot.commandLists.forEach((list: { commands: { title: string; description: string }[] }, l: number) => {
        expect(list.commands.map((c) => c.title)).toEqual(['hjälp', 'rapportera', 'status']);
        expect(list.commands.map((_, c) => en[`bots[0].commandLists[${l}].commands[${c}].title`])).toEqual(['help', 'report', 'status']);
        for (const [c, command] of list.commands.entries()) {
          expect(command.description).toBeTruthy();
          expect(en[`bots[0].commandLists[${l}].commands[${c}].description`]).toBeTruthy();
        }
      });
    });

    it('ships a 192×192 colour icon on the accent colour and a 32×32 outline icon that is only white and transparent', () => {
      const manifest = manifestJson();
      const color = decodePng(entry('color.png'));
      expect([color.width, color.height]).toEqual([192, 192]);
      const corner = [...color.rgba.subarray(0, 3)].map((v) => v.toString(16).padStart(2, '0')).join('');
      expect(`#${corner}`.toUpperCase()).toBe(manifest.accentColor.toUpperCase());

      const outline = decodePng(entry('outline.png'));
      expect([outline.width, outline.height]).toEqual([32, 32]);
      const pixels = Array.from({ length: 32 * 32 }, (_, i) => [...outline.rgba.subarray(i * 4, i * 4 + 4)]);
      expect(pixels.filter(([r, g, b, a]) => a !== 0 && (r !== 255 || g !== 255 || b !== 255))).toEqual([]);
      expect(pixels.filter(([, , , a]) => a === 0).length).toBeGreaterThan(32 * 32 * 0.5);
      expect(pixels.filter(([, , , a]) => a === 255).length).toBeGreaterThan(50);
    });
  });

  it('rejects a manifest without a name, with the schema message', async () => {
    const dirs = await copyOfManifests();
    await editJson(path.join(dirs.manifestDir, TEMPLATE_FILE), (m) => delete m.name);
    expect(await buildError({ ...dirs, values: VALUES })).toContain("manifest.json: (root) must have required property 'name'");
  });

  it('rejects an app id that is not a GUID, naming the field', async () => {
    const dirs = await copyOfManifests();
    const message = await buildError({ ...dirs, values: { ...VALUES, TEAMS_APP_ID: 'samverka' } });
    expect(message).toMatch(/manifest\.json: \/id must match pattern/);
    expect(message).not.toContain('/bots/0/botId');
  });

  it('rejects a field the manifest version does not know', async () => {
    const dirs = await copyOfManifests();
    await editJson(path.join(dirs.manifestDir, TEMPLATE_FILE), (m) => (m.bots[0].supportsTelepathy = true));
    expect(await buildError({ ...dirs, values: VALUES })).toMatch(/manifest\.json: \/bots\/0 must NOT have additional properties.*supportsTelepathy/);
  });

  it('rejects a $schema that does not match manifestVersion', async () => {
    const dirs = await copyOfManifests();
    const v119 = 'https://developer.microsoft.com/json-schemas/teams/v1.19/MicrosoftTeams.schema.json';
    await editJson(path.join(dirs.manifestDir, TEMPLATE_FILE), (m) => (m.$schema = v119));
    const message = await buildError({ ...dirs, values: VALUES });
    expect(message).toContain('manifest.json: "$schema" must be https://developer.microsoft.com/json-schemas/teams/v');
    expect(message).toContain(`is "${v119}"`);
  });

  it('names a placeholder that has no value', async () => {
    const dirs = await copyOfManifests();
    await editJson(path.join(dirs.manifestDir, TEMPLATE_FILE), (m) => (m.developer.mpnId = '${{MPN_ID}}'));
    expect(await buildError({ ...dirs, values: VALUES })).toContain(`${TEMPLATE_FILE}: unfilled placeholder \${{MPN_ID}}`);
    const blankDomain = { ...VALUES, BOT_DOMAIN: ' ' };
    expect(await buildError({ ...(await copyOfManifests()), values: blankDomain })).toContain('placeholder ${{BOT_DOMAIN}} has no value');
  });

  it('rejects a bot domain with a scheme and a version Teams does not accept', async () => {
    const values = { ...VALUES, BOT_DOMAIN: 'https://samverka.example.org', APP_VERSION: '1.0.0-beta.1' };
    const message = await buildError({ ...(await copyOfManifests()), values });
    expect(message).toContain('BOT_DOMAIN must be a host name');
    expect(message).toContain('APP_VERSION must be MAJOR.MINOR.PATCH');
  });

  it('rejects an outline icon of the wrong size', async () => {
    const dirs = await copyOfManifests();
    await cp(path.join(MANIFESTS, 'color.png'), path.join(dirs.manifestDir, 'outline.png'));
    expect(await buildError({ ...dirs, values: VALUES })).toContain('outline.png: must be 32×32 pixels, is 192×192');
  });

  it('rejects a colour icon of the wrong size and a file that is not a PNG', async () => {
    const dirs = await copyOfManifests();
    await cp(path.join(MANIFESTS, 'outline.png'), path.join(dirs.manifestDir, 'color.png'));
    expect(await buildError({ ...dirs, values: VALUES })).toContain('color.png: must be 192×192 pixels, is 32×32');
    await writeFile(path.join(dirs.manifestDir, 'color.png'), 'GIF89a');
    expect(await buildError({ ...dirs, values: VALUES })).toContain('color.png: not a PNG file');
  });

  it('rejects an outline icon with a pixel that is not white', async () => {
    const dirs = await copyOfManifests();
    const outline = decodePng(await readFile(path.join(MANIFESTS, 'outline.png')));
    outline.rgba.set([0x2f, 0x6b, 0xa8, 255], (5 * 32 + 7) * 4);
    await writeFile(path.join(dirs.manifestDir, 'outline.png'), encodePng(outline));
    expect(await buildError({ ...dirs, values: VALUES })).toContain(
      'outline.png: the outline icon must be white (#FFFFFF) on transparent; 1 pixel(s) have another colour (first at x=7, y=5: #2F6BA8)',
    );
  });

  it('rejects en.json strings the localization schema does not allow', async () => {
    const dirs = await copyOfManifests();
    await editJson(path.join(dirs.manifestDir, 'en.json'), (en) => (en['name.short'] = 'Samverka – local cooperation against trafficking'));
    expect(await buildError({ ...dirs, values: VALUES })).toMatch(/en\.json: \/name\.short must NOT have more than 30 characters/);
  });

  it('rejects en.json keys that translate nothing and manifest strings en.json leaves untranslated', async () => {
    const dirs = await copyOfManifests();
    await editJson(path.join(dirs.manifestDir, 'en.json'), (en) => {
      en['bots[0].commandLists[0].commands[5].title'] = 'practice';
      delete en['bots[0].commandLists[1].commands[2].description'];
    });
    const message = await buildError({ ...dirs, values: VALUES });
    expect(message).toContain('en.json: "bots[0].commandLists[0].commands[5].title" does not match a localizable string in the manifest');
    expect(message).toContain('en.json: no translation for "bots[0].commandLists[1].commands[2].description"');
  });

  it('reports a localization file the manifest names but the folder lacks', async () => {
    const dirs = await copyOfManifests();
    await rm(path.join(dirs.manifestDir, 'en.json'));
    expect(await buildError({ ...dirs, values: VALUES })).toContain('manifest.json: refers to "en.json", which is not in');
  });
});

describe('npm run package (CLI)', () => {
  it('exits 1 and prints one line per schema error', async () => {
    const run = promisify(execFile)(process.execPath, ['--import', 'tsx', path.join(ROOT, 'scripts', 'package-manifest.ts')], {
      cwd: ROOT,
      env: { ...process.env, MICROSOFT_APP_ID: 'not-a-guid', TEAMS_APP_ID: '', BOT_DOMAIN: '' },
    });
    const failure = await run.then(
      () => undefined,
      (e: { code: number; stdout: string; stderr: string }) => e,
    );
    expect(failure?.code).toBe(1);
    expect(failure?.stdout).toBe('');
    const lines = failure?.stderr.trim().split('\n') ?? [];
    expect(lines[0]).toBe('The Teams app package is invalid:');
    expect(lines.filter((l) => /^- manifest\.json: \/id must match pattern/.test(l))).toHaveLength(1);
    expect(lines.filter((l) => /^- manifest\.json: \/bots\/0\/botId must match pattern/.test(l))).toHaveLength(1);
  });
});

describe('PNG helpers', () => {
  it('round-trips RGBA pixels and reads the size from the header', () => {
    const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
    const png = encodePng({ width: 3, height: 2, rgba });
    expect(readPngHeader(png)).toEqual({ width: 3, height: 2, bitDepth: 8, colorType: 6, interlace: 0 });
    expect(decodePng(png).rgba).toEqual(rgba);
  });
});
