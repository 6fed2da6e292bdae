/** What a Kubernetes API URL addresses. */
export type ApiPath =
  | { kind: 'version' }
  | { kind: 'coreVersions' }
  | { kind: 'groups' }
  | { kind: 'resources'; group: string; version: string }
  | {
      kind: 'object';
      group: string;
      version: string;
      namespace?: string;
      plural: string;
      name?: string;
    }
  | { kind: 'unknown' };

/**
 * Splits `/api/v1/namespaces/ns/secrets/name` and
 * `/apis/group/version/namespaces/ns/plural/name` (and their cluster-scoped
 * forms) into parts.
 */
export function parseApiPath(pathname: string): ApiPath {
  const segs = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  if (segs[0] === 'version' && segs.length === 1) return { kind: 'version' };
  let group: string;
  let version: string;
  let rest: string[];
  if (segs[0] === 'api') {
    if (segs.length === 1) return { kind: 'coreVersions' };
    [group, version, rest] = ['', segs[1], segs.slice(2)];
  } else if (segs[0] === 'apis') {
    if (segs.length === 1) return { kind: 'groups' };
    if (segs.length === 2) return { kind: 'unknown' };
    [group, version, rest] = [segs[1], segs[2], segs.slice(3)];
  } else {
    return { kind: 'unknown' };
  }
  if (rest.length === 0) return { kind: 'resources', group, version };
  if (rest[0] === 'namespaces' && rest.length >= 3 && rest.length <= 4) {
    return {
      kind: 'object',
      group,
      version,
      namespace: rest[1],
      plural: rest[2],
      name: rest[3],
    };
  }
  if (rest.length <= 2) {
    return { kind: 'object', group, version, plural: rest[0], name: rest[1] };
  }
  return { kind: 'unknown' };
}
