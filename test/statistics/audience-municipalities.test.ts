import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Access } from '../../src/access/role-resolver';
import { loadRoutingDirectory } from '../../src/forwarding/routing-directory';
import { PROJECT_ROOT } from '../../src/paths';
import { askerMunicipality, visibleMunicipalities } from '../../src/statistics/audience-municipalities';

const directory = loadRoutingDirectory(path.join(PROJECT_ROOT, 'src/forwarding/directories/playground-demo.yaml'));
const aad = (n: number) => `00000000-0000-0000-0000-00000000000${n}`;
const as = (role: Access['role'], sites: Access['sites'] = []): Access => ({ role, audience: role === 'partner' ? 'partner' : 'coordinator', sites });

describe('visibleMunicipalities', () => {
  it.each([
    { name: 'an administrator sees every municipality', access: as('administrator'), id: aad(20), expected: ['demo', 'norrby'] },
    { name: 'a coordinator sees the municipalities whose routes name their targets (Adele is Demokommun\'s deputy, standing in for Norrby)', access: as('coordinator'), id: aad(22), expected: ['demo', 'norrby'] },
    { name: 'the on-call person sees the municipalities whose ladders end with them', access: as('coordinator'), id: aad(24), expected: ['demo', 'norrby'] },
    { name: 'the regional coordinator of both sees both', access: as('coordinator'), id: aad(23), expected: ['demo', 'norrby'] },
    { name: 'a coordinator of a target no route names sees none', access: as('coordinator'), id: aad(29), expected: [] },
    { name: 'staff see none', access: as('staff'), id: aad(30), expected: [] },
    { name: 'a partner sees none', access: as('partner'), id: aad(25), expected: [] },
    { name: 'a coordinator without an id sees none', access: as('coordinator'), id: undefined, expected: [] },
  ])('$name', ({ access, id, expected }) => {
    expect(visibleMunicipalities(access, id, directory)).toEqual(expected);
  });
});

describe('askerMunicipality', () => {
  it('is the partner site\'s municipality, else the default (where a hand-off would go)', () => {
    expect(askerMunicipality(as('partner', [{ id: 'hotell-norrsken', name: 'Hotell Norrsken', kind: 'hotel', municipality: 'norrby' }]), directory)).toBe('norrby');
    expect(askerMunicipality(as('partner'), directory)).toBe('demo');
    expect(askerMunicipality(as('staff'), directory)).toBe('demo');
  });
});
