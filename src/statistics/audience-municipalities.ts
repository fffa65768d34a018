import type { Access } from '../access/role-resolver';
import { originChoices } from '../forwarding/case-origin';
import type { RoutingDirectory } from '../forwarding/routing-directory';

/**
 * The municipalities whose statistics someone may see: an administrator every one; a coordinator
 * those whose routes name a target they belong to (as primary, deputy, next level or out of hours)
 * or whose regional coordinator they are; anyone else none. Directory order.
 */
export function visibleMunicipalities(access: Access, aadObjectId: string | undefined, directory: Pick<RoutingDirectory, 'municipalities' | 'targets'>): string[] {
  const all = Object.keys(directory.municipalities);
  if (access.role === 'administrator') return all;
  if (access.role !== 'coordinator' || !aadObjectId) return [];
  const me = aadObjectId.toLowerCase();
  const mine = new Set(Object.entries(directory.targets).filter(([, t]) => t.members.some((m) => m.toLowerCase() === me)).map(([id]) => id));
  return all.filter((m) => {
    const municipality = directory.municipalities[m]!;
    const regional = municipality.regionalCoordinator;
    return (regional !== undefined && mine.has(regional)) || municipality.routes.some((r) => [r.primary, r.deputy, r.next, r.outOfHours].some((t) => t !== undefined && mine.has(t)));
  });
}

/**
 * Whose count an unanswered question goes to: the asker's municipality when it is clear (a partner's
 * sites all in one, or a directory of one municipality), else the default one, which is also where
 * the question would go if it were handed off.
 */
export function askerMunicipality(access: Access, directory: Pick<RoutingDirectory, 'municipalities' | 'defaultMunicipality'>): string {
  const choices = originChoices(access, directory.municipalities, directory.defaultMunicipality);
  const ids = new Set(choices.map((c) => c.origin.municipality));
  return ids.size === 1 ? [...ids][0]! : directory.defaultMunicipality;
}
