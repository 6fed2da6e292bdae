import { randomUUID } from 'node:crypto';
import { readJsonFile, writeJsonFile } from '../state/jsonFile';
import {
  alreadyExists,
  badRequest,
  conflict,
  notFound,
} from './KubernetesStatusError';
import { applyMergePatch } from './mergePatch';
import { KubeObject, validateObject } from './objectValidation';
import { apiVersionOf, NAMESPACES, ResourceType } from './resourceTypes';

interface PersistedState {
  resourceVersion: number;
  objects: Record<string, KubeObject>;
}

function clone<T>(value: T): T {
  return structuredClone(value);
}

// The API server prints timestamps to the second, in UTC.
function timestamp(): string {
  return `${new Date().toISOString().slice(0, 19)}Z`;
}

/**
 * The emulated cluster's objects with the API server's bookkeeping: a global
 * `resourceVersion`, optimistic concurrency on replace, uid and creation
 * timestamps. Persisted to a JSON file (0600: it holds secret data) so the
 * sandbox's cluster survives restarts.
 *
 * The HTTP emulator serves it to clients; the reconciler (the sandbox's
 * controller) writes to it directly.
 */
export class KubernetesStore {
  readonly #file?: string;
  #state: PersistedState;

  constructor(options: { file?: string } = {}) {
    this.#file = options.file;
    this.#state = (this.#file && readJsonFile<PersistedState>(this.#file)) || {
      resourceVersion: 1,
      objects: {},
    };
  }

  get resourceVersion(): string {
    return String(this.#state.resourceVersion);
  }

  list(type: ResourceType, namespace?: string): KubeObject[] {
    const prefix = `${apiVersionOf(type)}|${type.plural}|`;
    return Object.entries(this.#state.objects)
      .filter(([key]) => key.startsWith(prefix))
      .map(([, obj]) => obj)
      .filter(obj => !namespace || obj.metadata.namespace === namespace)
      .sort((a, b) =>
        `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(
          `${b.metadata.namespace}/${b.metadata.name}`,
        ),
      )
      .map(clone);
  }

  find(type: ResourceType, namespace: string | undefined, name: string) {
    const obj = this.#state.objects[this.#key(type, namespace, name)];
    return obj ? clone(obj) : undefined;
  }

  get(type: ResourceType, namespace: string | undefined, name: string) {
    const obj = this.find(type, namespace, name);
    if (!obj) throw notFound(type.plural, name);
    return obj;
  }

  create(type: ResourceType, namespace: string | undefined, body: KubeObject) {
    const obj = validateObject(type, clone(body));
    const name = obj.metadata.name!;
    if (obj.metadata.resourceVersion) {
      throw badRequest(
        'resourceVersion should not be set on objects to be created',
      );
    }
    this.#assertNamespace(type, namespace);
    if (this.find(type, namespace, name))
      throw alreadyExists(type.plural, name);
    obj.apiVersion = apiVersionOf(type);
    obj.kind = type.kind;
    obj.metadata = {
      ...obj.metadata,
      ...(type.namespaced ? { namespace } : {}),
      uid: randomUUID(),
      creationTimestamp: timestamp(),
      ...(type.group ? { generation: 1 } : {}),
    };
    if (type.plural === 'namespaces') {
      obj.spec = { finalizers: ['kubernetes'] };
      obj.status = { phase: 'Active' };
    }
    return this.#write(type, namespace, obj);
  }

  replace(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    body: KubeObject,
  ) {
    const existing = this.get(type, namespace, name);
    const obj = validateObject(type, clone(body));
    if (obj.metadata.name !== name) {
      throw badRequest(
        `the name of the object (${obj.metadata.name}) does not match the name on the URL (${name})`,
      );
    }
    const rv = obj.metadata.resourceVersion;
    if (rv && rv !== existing.metadata.resourceVersion) {
      throw conflict(type.plural, name);
    }
    obj.apiVersion = existing.apiVersion;
    obj.kind = existing.kind;
    obj.metadata = {
      ...obj.metadata,
      namespace: existing.metadata.namespace,
      uid: existing.metadata.uid,
      creationTimestamp: existing.metadata.creationTimestamp,
    };
    if (!type.namespaced) delete obj.metadata.namespace;
    return this.#write(type, namespace, obj);
  }

  /** JSON merge patch; the result is validated like a replace. */
  patch(
    type: ResourceType,
    namespace: string | undefined,
    name: string,
    patch: unknown,
  ) {
    const existing = this.get(type, namespace, name);
    const patched = applyMergePatch(existing, patch) as KubeObject;
    const rv = (patch as KubeObject)?.metadata?.resourceVersion;
    patched.metadata.resourceVersion = rv ?? existing.metadata.resourceVersion;
    patched.metadata.name = name;
    return this.replace(type, namespace, name, patched);
  }

  delete(type: ResourceType, namespace: string | undefined, name: string) {
    const existing = this.get(type, namespace, name);
    if (type.plural === 'namespaces') {
      for (const key of Object.keys(this.#state.objects)) {
        if (this.#state.objects[key].metadata.namespace === name) {
          delete this.#state.objects[key];
        }
      }
    }
    delete this.#state.objects[this.#key(type, namespace, name)];
    this.#state.resourceVersion++;
    this.#save();
    return existing;
  }

  /** Creates a namespace if missing; what the platform does for each team. */
  ensureNamespace(name: string) {
    if (!this.find(NAMESPACES, undefined, name)) {
      this.create(NAMESPACES, undefined, { metadata: { name } });
    }
  }

  /** Create or overwrite, ignoring resourceVersion: the controller's own writes. */
  apply(type: ResourceType, namespace: string | undefined, body: KubeObject) {
    const name = body.metadata.name!;
    const existing = this.find(type, namespace, name);
    if (!existing) return this.create(type, namespace, body);
    const next = clone(body);
    next.metadata = { ...existing.metadata, ...next.metadata };
    next.metadata.resourceVersion = existing.metadata.resourceVersion;
    return this.replace(type, namespace, name, next);
  }

  #assertNamespace(type: ResourceType, namespace: string | undefined) {
    if (!type.namespaced) return;
    if (!namespace || !this.find(NAMESPACES, undefined, namespace)) {
      throw notFound('namespaces', namespace ?? '');
    }
  }

  #write(type: ResourceType, namespace: string | undefined, obj: KubeObject) {
    this.#state.resourceVersion++;
    obj.metadata.resourceVersion = String(this.#state.resourceVersion);
    const key = this.#key(
      type,
      type.namespaced ? namespace : undefined,
      obj.metadata.name!,
    );
    this.#state.objects[key] = obj;
    this.#save();
    return clone(obj);
  }

  #key(type: ResourceType, namespace: string | undefined, name: string) {
    return `${apiVersionOf(type)}|${type.plural}|${
      type.namespaced ? namespace : ''
    }|${name}`;
  }

  #save() {
    if (this.#file) writeJsonFile(this.#file, this.#state, 0o600);
  }
}
