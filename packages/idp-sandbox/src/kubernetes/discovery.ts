import { ResourceType } from './resourceTypes';

const ALL_VERBS = ['create', 'delete', 'get', 'list', 'patch', 'update'];

/** `GET /version`: kubectl prints it and checks the server is reachable. */
export function versionDocument() {
  return {
    major: '1',
    minor: '32',
    gitVersion: 'v1.32.0-idp-sandbox',
    gitCommit: '',
    gitTreeState: 'clean',
    buildDate: '2025-01-01T00:00:00Z',
    goVersion: 'go1.23',
    compiler: 'gc',
    platform: 'linux/amd64',
  };
}

/** `GET /api`: the legacy core group's versions. */
export function coreVersions(serverAddress: string) {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** `GET /apis`: every named group (here: the custom resource's group). */
export function groupList(types: ResourceType[]) {
  const groups = new Map<string, string[]>();
  for (const t of types.filter(x => x.group)) {
    const versions = groups.get(t.group) ?? [];
    if (!versions.includes(t.version)) versions.push(t.version);
    groups.set(t.group, versions);
  }
  return {
    kind: 'APIGroupList',
    apiVersion: 'v1',
    groups: [...groups].map(([name, versions]) => ({
      name,
      versions: versions.map(v => ({
        groupVersion: `${name}/${v}`,
        version: v,
      })),
      preferredVersion: {
        groupVersion: `${name}/${versions[0]}`,
        version: versions[0],
      },
    })),
  };
}

/** `GET /api/v1` or `/apis/<group>/<version>`: the resources kubectl can address. */
export function resourceList(groupVersion: string, types: ResourceType[]) {
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion,
    resources: types.map(t => ({
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: ALL_VERBS,
      ...(t.shortNames ? { shortNames: t.shortNames } : {}),
    })),
  };
}
