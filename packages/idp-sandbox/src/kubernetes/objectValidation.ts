import { badRequest, invalid } from './KubernetesStatusError';
import { ResourceType } from './resourceTypes';

const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const SECRET_KEY = /^[-._a-zA-Z0-9]+$/;
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

const LABEL_RULE =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_RULE =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const KEY_RULE =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

/** A Kubernetes object as JSON. */
export interface KubeObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    resourceVersion?: string;
    uid?: string;
    creationTimestamp?: string;
    generation?: number;
    [key: string]: unknown;
  };
  [key: string]: unknown;
}

/** Rejects bodies that are not objects with metadata. */
export function asKubeObject(body: unknown): KubeObject {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest('the request body must be a JSON object');
  }
  const obj = body as KubeObject;
  if (obj.metadata === undefined) obj.metadata = {};
  if (typeof obj.metadata !== 'object' || obj.metadata === null) {
    throw badRequest('metadata must be an object');
  }
  return obj;
}

/**
 * Validates an object the way the API server does for the fields the sandbox
 * cares about, and normalises Secrets (`stringData` folds into base64 `data`).
 */
export function validateObject(
  type: ResourceType,
  obj: KubeObject,
): KubeObject {
  const name = obj.metadata.name ?? '';
  const causes: { field: string; message: string }[] = [];
  if (!name) {
    causes.push({
      field: 'metadata.name',
      message: 'Required value: name or generateName is required',
    });
  } else {
    const [pattern, rule, max] =
      type.plural === 'namespaces'
        ? [DNS_LABEL, LABEL_RULE, 63]
        : [DNS_SUBDOMAIN, SUBDOMAIN_RULE, 253];
    if (!pattern.test(name)) {
      causes.push({
        field: 'metadata.name',
        message: `Invalid value: ${JSON.stringify(name)}: ${rule}`,
      });
    } else if (name.length > max) {
      causes.push({
        field: 'metadata.name',
        message: `Invalid value: ${JSON.stringify(
          name,
        )}: must be no more than ${max} characters`,
      });
    }
  }
  if (type.plural === 'secrets') normaliseSecret(obj, causes);
  if (causes.length > 0) throw invalid(type.kind, name, causes);
  return obj;
}

function normaliseSecret(
  obj: KubeObject,
  causes: { field: string; message: string }[],
) {
  const data: Record<string, string> = {
    ...((obj.data as Record<string, string>) ?? {}),
  };
  for (const [key, value] of Object.entries(data)) {
    if (typeof value !== 'string' || !BASE64.test(value) || value.length % 4) {
      throw badRequest(
        `Secret in version "v1" cannot be handled as a Secret: illegal base64 data at key "${key}"`,
      );
    }
  }
  const stringData = (obj.stringData as Record<string, string>) ?? {};
  for (const [key, value] of Object.entries(stringData)) {
    data[key] = Buffer.from(String(value), 'utf8').toString('base64');
  }
  for (const key of Object.keys(data)) {
    if (!SECRET_KEY.test(key)) {
      causes.push({
        field: `data[${key}]`,
        message: `Invalid value: ${JSON.stringify(key)}: ${KEY_RULE}`,
      });
    }
  }
  delete obj.stringData;
  obj.data = data;
  obj.type = (obj.type as string) ?? 'Opaque';
}
