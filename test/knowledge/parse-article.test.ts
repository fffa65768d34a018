import { describe, expect, it } from 'vitest';
import { parseArticle } from '../../src/knowledge/parse-article';

const GOOD = `---
id: sample-routine
language: en
title: "Sample: what to do"
summary: "One sentence."
audience: [partner]
tags: [sample, test]
synonyms: [example]
owner: "Coordinator (example)"
last_reviewed: 2026-11-23
sources:
  - ref: S33
    title: "Polisen: tipsa"
    url: "https://polisen.se/kontakt/tipsa-polisen/tipsa-polisen-via-webben/"
related: [other-routine]
example: true
---
EXAMPLE CONTENT – adapt locally.

1. Call 112 if anyone is in danger.
2. Tell {{localCoordinator}}.

**Escalation:** {{localCoordinator}}, then 114 14.
> One sign does not prove anything.
`;

describe('parseArticle', () => {
  it('reads front matter, steps in order, the escalation line and notes', () => {
    const r = parseArticle('en/knowledge/sample-routine.md', GOOD, 'en');
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.article).toMatchObject({
      id: 'sample-routine',
      audience: ['partner'],
      lastReviewed: '2026-11-23',
      label: 'EXAMPLE CONTENT – adapt locally.',
      steps: ['Call 112 if anyone is in danger.', 'Tell {{localCoordinator}}.'],
      escalation: '{{localCoordinator}}, then 114 14.',
      notes: ['One sign does not prove anything.'],
    });
  });

  it.each([
    ['no front matter', GOOD.replace(/^---[\s\S]*?---\n/, ''), 'missing front matter'],
    ['broken YAML', GOOD.replace('audience: [partner]', 'audience: [partner'), 'front matter is not valid YAML'],
    ['a missing audience', GOOD.replace('audience: [partner]\n', ''), 'audience: Required'],
    ['an empty audience', GOOD.replace('audience: [partner]', 'audience: []'), 'audience: must name at least one'],
    ['an unknown audience', GOOD.replace('audience: [partner]', 'audience: [public]'), 'audience.0'],
    ['a bad date', GOOD.replace('2026-11-23', 'last week'), 'last_reviewed: must be a date'],
    ['no sources', GOOD.replace(/sources:[\s\S]*?related/, 'sources: []\nrelated'), 'sources: must list at least one source'],
    ['an unknown field', GOOD.replace('example: true', 'example: true\ncolour: red'), 'Unrecognized key'],
    ['a language other than its folder', GOOD.replace('language: en', 'language: sv'), 'language: is sv but the file is in the en folder'],
    ['an id that is not the file name', GOOD.replace('id: sample-routine', 'id: other-name'), 'does not match the file name'],
    ['no steps', GOOD.replace(/1\. .*\n2\. .*\n/, ''), 'has no numbered steps'],
    ['steps out of order', GOOD.replace('2. Tell', '3. Tell'), 'step 3 is out of order'],
    ['no escalation', GOOD.replace(/\*\*Escalation:\*\*.*\n/, ''), 'has no escalation line'],
    ['an unknown placeholder', GOOD.replace('Tell {{localCoordinator}}', 'Call {{localHotline}}'), 'unknown placeholder {{localHotline}}'],
  ])('rejects %s, naming the file and the reason', (_name, text, reason) => {
    const r = parseArticle('en/knowledge/sample-routine.md', text, 'en');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.problems.every((p) => p.file === 'en/knowledge/sample-routine.md')).toBe(true);
    expect(r.problems.map((p) => p.message).join(' | ')).toContain(reason);
  });
});
