import type { Audience } from '../knowledge/article';
import type { RoutingDirectory, SiteKind } from '../forwarding/routing-directory';

/** What Teams tells us about a person (ids, the tenant, guest or not, the e-mail address); any of it may be missing. */
export interface PersonFacts {
  readonly aadObjectId?: string;
  /** The person's own tenant as Teams reports it for the member. */
  readonly tenantId?: string;
  /** Teams' member role: `user` (a member of the tenant), `guest`, or `anonymous` (external). */
  readonly userRole?: string;
  readonly email?: string;
}

export type Role = 'administrator' | 'coordinator' | 'staff' | 'partner';

export interface PartnerSite {
  readonly id: string;
  readonly name: string;
  readonly kind: SiteKind;
  readonly municipality: string;
}

export interface Access {
  readonly role: Role;
  /** Which routines the person may read: coordinators see all three, staff staff and partner, partners partner. */
  readonly audience: Audience;
  /** The partner sites the person reports for (none for staff and coordinators). */
  readonly sites: readonly PartnerSite[];
}

/**
 * Who someone is, from the routing directory and what Teams says, deciding nothing from what the
 * person types. Administrators and coordinators are named in the directory; members of a partner
 * site, Teams guests and external users are partners; members of the home tenant are staff.
 * Anything unknown is a partner: the least that can be seen or done.
 */
export function resolveAccess(p: PersonFacts, d: Pick<RoutingDirectory, 'admins' | 'targets' | 'homeTenantId' | 'sites'>): Access {
  const id = p.aadObjectId?.toLowerCase();
  const same = (list: readonly string[]) => !!id && list.some((x) => x.toLowerCase() === id);
  const domain = p.email?.toLowerCase().split('@')[1];
  const sites = Object.entries(d.sites)
    .filter(([, s]) => same(s.members.users) || (!!domain && s.members.domains.some((x) => x.toLowerCase() === domain)))
    .map(([siteId, s]) => ({ id: siteId, name: s.name, kind: s.kind, municipality: s.municipality }));
  if (same(d.admins)) return { role: 'administrator', audience: 'coordinator', sites: [] };
  if (Object.values(d.targets).some((t) => same(t.members))) return { role: 'coordinator', audience: 'coordinator', sites: [] };
  const homeMember = !!d.homeTenantId && p.userRole === 'user' && p.tenantId?.toLowerCase() === d.homeTenantId.toLowerCase();
  if (homeMember && sites.length === 0) return { role: 'staff', audience: 'staff', sites: [] };
  return { role: 'partner', audience: 'partner', sites };
}
