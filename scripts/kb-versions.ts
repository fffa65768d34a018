/**
 * `npm run kb:versions` lists the published knowledge-base versions, oldest first: number, when
 * (UTC), who, article count, and which one is current (with who made it current, and whether by
 * publishing or by a rollback). Nothing published: the bot serves the shipped example (`locales/`).
 */
import { utcMinute, withKnowledgeVersions } from './lib/kb-versions';

async function main(): Promise<void> {
  await withKnowledgeVersions(async ({ versions }) => {
    const [all, current] = await Promise.all([versions.list(), versions.current()]);
    if (all.length === 0) {
      process.stdout.write('kb:versions: nothing published; every instance serves the shipped example (locales/)\n');
      return;
    }
    const rows = all.map((v) => [String(v.number), utcMinute(v.publishedAt), v.publishedBy, String(v.articles), v.number === current?.pointer.number ? 'current' : '']);
    const header = ['version', 'published', 'by', 'articles', ''];
    const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
    const line = (cells: string[]) => cells.map((c, i) => (i === 0 || i === 3 ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
    process.stdout.write(`${[header, ...rows].map(line).join('\n')}\n`);
    const p = current?.pointer;
    process.stdout.write(
      p
        ? `current: version ${p.number}, made current by ${p.reason === 'rollback' ? 'a rollback' : 'publishing'} (${p.setBy}, ${utcMinute(p.setAt)})\n`
        : 'current: none (every instance serves the shipped example, locales/)\n',
    );
  });
}

main().catch((err: unknown) => {
  process.stderr.write(`kb:versions: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
});
