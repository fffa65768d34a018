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
  /** The Entra ID groups the person belongs to (transitively); undefined when unknown. */
  readonly groups?: readonly string[];
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
export function resolveAccess(p: PersonFacts, d: Pick<RoutingDirectory, 'admins' | 'targets' | 'homeTenantId' | 'sites' | 'groups'>): Access {
  const id = p.aadObjectId?.toLowerCase();
  const same = (list: readonly string[]) => !!id && list.some((x) => x.toLowerCase() === id);
  const domain = p.email?.toLowerCase().split('@')[1];
  const sites = Object.entries(d.sites)
    .filter(([, s]) => same(s.members.users) || (!!domain && s.members.domains.some((x) => x.toLowerCase() === domain)))
    .map(([siteId, s]) => ({ id: siteId, name: s.name, kind: s.kind, municipality: s.municipality }));
  if (same(d.admins)) return { role: 'administrator', audience: 'coordinator', sites: [] };
  if (Object.values(d.targets).some((t) => same(t.members))) return { role: 'coordinator', audience: 'coordinator', sites: [] };
  if (sites.length > 0) return { role: 'partner', audience: 'partner', sites };
  // Where the directory names groups, they decide: a partner group wins over a staff group, and
  // unknown membership (Graph could not be asked) is a partner.
  if (usesGroups(d)) {
    const member = (ids: readonly string[]) => ids.some((g) => p.groups?.some((x) => x.toLowerCase() === g.toLowerCase()));
    return !member(d.groups!.partners) && member(d.groups!.staff) ? { role: 'staff', audience: 'staff', sites: [] } : { role: 'partner', audience: 'partner', sites: [] };
  }
  const homeMember = !!d.homeTenantId && p.userRole === 'user' && p.tenantId?.toLowerCase() === d.homeTenantId.toLowerCase();
  return homeMember ? { role: 'staff', audience: 'staff', sites: [] } : { role: 'partner', audience: 'partner', sites: [] };
}

/** Does the directory name Entra groups for staff or partners (so that membership must be looked up)? */
export function usesGroups(d: Pick<RoutingDirectory, 'groups'>): boolean {
  return (d.groups?.staff.length ?? 0) + (d.groups?.partners.length ?? 0) > 0;
}
