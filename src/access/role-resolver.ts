import type { Audience } from '../knowledge/article';

/** Who is asking, as far as Teams tells us (ids only). */
export interface Asker {
  readonly aadObjectId?: string;
  readonly tenantId?: string;
}

/**
 * Decides which audience's articles a user may see. Until roles come from the routing directory
 * (security issue), a fixed default stands in.
 */
export interface RoleResolver {
  audienceOf(asker: Asker): Promise<Audience>;
}

export function fixedRoleResolver(audience: Audience): RoleResolver {
  return { audienceOf: async () => audience };
}
