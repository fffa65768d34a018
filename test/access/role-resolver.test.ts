import { describe, expect, it } from 'vitest';
import { resolveAccess } from '../../src/access/role-resolver';
import { parseRoutingDirectory } from '../../src/forwarding/routing-directory';

const HOME = '11111111-1111-1111-1111-111111111111';
const OTHER = '22222222-2222-2222-2222-222222222222';
const ADMIN = 'aaaaaaaa-0000-0000-0000-000000000001';
const COORD = 'aaaaaaaa-0000-0000-0000-000000000002';
const HOTEL_PERSON = 'aaaaaaaa-0000-0000-0000-000000000003';
const SOMEONE = 'aaaaaaaa-0000-0000-0000-000000000009';

const parsed = parseRoutingDirectory(`
admins: ["${ADMIN}"]
homeTenantId: "${HOME}"
defaultMunicipality: north
officeHours: { days: [mon], start: "08:00", end: "16:00" }
targets:
  north-team: { kind: channel, label: North, members: ["${COORD}"] }
municipalities:
  north: { name: North, routes: [{ primary: north-team, deputy: north-team, next: north-team }] }
  south: { name: South, routes: [{ primary: north-team, deputy: north-team, next: north-team }] }
sites:
  grand: { name: Grand Hotel, kind: hotel, municipality: north, members: { users: ["${HOTEL_PERSON}"] } }
  pines: { name: Pines Camping, kind: campsite, municipality: south, members: { domains: [pines.example] } }
`);
if (!parsed.ok) throw new Error(parsed.problems.join('\n'));
const d = parsed.directory;

describe('resolveAccess', () => {
  it('reads administrators and coordinators from the directory: they see the coordinator routines', () => {
    expect(resolveAccess({ aadObjectId: ADMIN.toUpperCase() }, d)).toMatchObject({ role: 'administrator', audience: 'coordinator' });
    expect(resolveAccess({ aadObjectId: COORD, tenantId: OTHER, userRole: 'guest' }, d)).toMatchObject({ role: 'coordinator', audience: 'coordinator' });
  });

  it('makes a member of the home tenant staff, and a guest or external user a partner', () => {
    expect(resolveAccess({ aadObjectId: SOMEONE, tenantId: HOME, userRole: 'user' }, d)).toMatchObject({ role: 'staff', audience: 'staff' });
    expect(resolveAccess({ aadObjectId: SOMEONE, tenantId: HOME, userRole: 'guest' }, d)).toMatchObject({ role: 'partner', audience: 'partner' });
    expect(resolveAccess({ aadObjectId: SOMEONE, tenantId: OTHER, userRole: 'user' }, d)).toMatchObject({ role: 'partner' });
    expect(resolveAccess({ aadObjectId: SOMEONE, tenantId: HOME, userRole: 'anonymous' }, d)).toMatchObject({ role: 'partner' });
  });

  it('treats anyone Teams says nothing about as a partner (least privilege)', () => {
    expect(resolveAccess({}, d)).toEqual({ role: 'partner', audience: 'partner', sites: [] });
    expect(resolveAccess({ aadObjectId: SOMEONE, tenantId: HOME }, d)).toMatchObject({ role: 'partner' });
  });

  it('finds a partner\'s sites by object id or e-mail domain, with their municipality', () => {
    expect(resolveAccess({ aadObjectId: HOTEL_PERSON, tenantId: HOME, userRole: 'guest' }, d).sites).toEqual([{ id: 'grand', name: 'Grand Hotel', kind: 'hotel', municipality: 'north' }]);
    expect(resolveAccess({ aadObjectId: SOMEONE, email: 'Night.Desk@PINES.example', userRole: 'guest' }, d)).toMatchObject({ role: 'partner', sites: [{ id: 'pines', municipality: 'south' }] });
    // A site member stays a partner even when the account sits in the home tenant.
    expect(resolveAccess({ aadObjectId: HOTEL_PERSON, tenantId: HOME, userRole: 'user' }, d)).toMatchObject({ role: 'partner' });
  });

  it('refuses a directory whose site names an unknown municipality', () => {
    const bad = parseRoutingDirectory(`
admins: ["${ADMIN}"]
defaultMunicipality: north
officeHours: { days: [mon], start: "08:00", end: "16:00" }
targets: { t: { kind: channel, label: T, members: ["${COORD}"] } }
municipalities: { north: { name: North, routes: [{ primary: t, deputy: t, next: t }] } }
sites: { x: { name: X, kind: hostel, municipality: nowhere, members: {} } }
`);
    expect(bad).toEqual({ ok: false, problems: ['sites.x.municipality: "nowhere" is not a municipality'] });
  });

  it('lets the directory\'s Entra groups decide staff and partners where it names them; unknown membership is a partner', () => {
    const STAFF_GROUP = 'bbbbbbbb-0000-0000-0000-000000000001';
    const PARTNER_GROUP = 'bbbbbbbb-0000-0000-0000-000000000002';
    const g = { ...d, groups: { staff: [STAFF_GROUP], partners: [PARTNER_GROUP] } };
    const member = { aadObjectId: SOMEONE, tenantId: HOME, userRole: 'user' };
    expect(resolveAccess({ ...member, groups: [STAFF_GROUP.toUpperCase()] }, g)).toMatchObject({ role: 'staff' });
    expect(resolveAccess({ ...member, groups: [STAFF_GROUP, PARTNER_GROUP] }, g)).toMatchObject({ role: 'partner' });
    // A home-tenant member in neither group, and anyone whose groups are unknown, is a partner.
    expect(resolveAccess({ ...member, groups: [] }, g)).toMatchObject({ role: 'partner' });
    expect(resolveAccess(member, g)).toMatchObject({ role: 'partner' });
    // The directory's own names still come first.
    expect(resolveAccess({ aadObjectId: COORD, groups: [PARTNER_GROUP] }, g)).toMatchObject({ role: 'coordinator' });
  });
});
