import { useQuery } from '@tanstack/react-query';
import type { OrgDto } from '../../../../src/modules/identity/identity.contract';
import { get } from '../../shared/api';

/** An organisation as the API returns it (the identity contract). */
export type Org = OrgDto;

export { ORG_KIND_LABELS } from '../../../../src/modules/identity/identity.contract';

export function useOrgs() {
  return useQuery({
    queryKey: ['orgs'],
    queryFn: () => get<{ items: Org[]; abilities: Record<string, boolean> }>('/api/orgs'),
  });
}

export interface OrgTreeNode {
  value: string;
  title: string;
  key: string;
  children: OrgTreeNode[];
}

export function toTree(orgs: Org[]): OrgTreeNode[] {
  const nodes = new Map(
    orgs.map((o) => [o.id, { value: o.id, key: o.id, title: o.name, children: [] as OrgTreeNode[] }]),
  );
  const roots: OrgTreeNode[] = [];
  for (const o of [...orgs].sort((a, b) => a.sortOrder - b.sortOrder)) {
    const n = nodes.get(o.id)!;
    if (o.parentId && nodes.has(o.parentId)) nodes.get(o.parentId)!.children.push(n);
    else roots.push(n);
  }
  return roots;
}
