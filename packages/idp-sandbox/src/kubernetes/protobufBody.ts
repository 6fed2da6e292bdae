import protobuf from 'protobufjs';
import { badRequest } from './KubernetesStatusError';
import { KubeObject } from './objectValidation';

/** Media type kubectl uses for built-in kinds such as Secret. */
export const PROTOBUF_MEDIA_TYPE = 'application/vnd.kubernetes.protobuf';

// Every protobuf body starts with these four bytes, then a `runtime.Unknown`.
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

// The subset of k8s.io/api generated.proto the sandbox reads; field numbers
// are the upstream ones. Unlisted fields are skipped by the decoder.
const descriptor = {
  nested: {
    Unknown: {
      fields: {
        typeMeta: { type: 'TypeMeta', id: 1 },
        raw: { type: 'bytes', id: 2 },
        contentEncoding: { type: 'string', id: 3 },
        contentType: { type: 'string', id: 4 },
      },
    },
    TypeMeta: {
      fields: {
        apiVersion: { type: 'string', id: 1 },
        kind: { type: 'string', id: 2 },
      },
    },
    ObjectMeta: {
      fields: {
        name: { type: 'string', id: 1 },
        generateName: { type: 'string', id: 2 },
        namespace: { type: 'string', id: 3 },
        resourceVersion: { type: 'string', id: 6 },
        labels: { keyType: 'string', type: 'string', id: 11 },
        annotations: { keyType: 'string', type: 'string', id: 12 },
      },
    },
    Secret: {
      fields: {
        metadata: { type: 'ObjectMeta', id: 1 },
        data: { keyType: 'string', type: 'bytes', id: 2 },
        type: { type: 'string', id: 3 },
        stringData: { keyType: 'string', type: 'string', id: 4 },
        immutable: { type: 'bool', id: 5 },
      },
    },
  },
};
// Map fields (keyType) are IMapField, which the INamespace typing does not list.
const root = protobuf.Root.fromJSON(descriptor as protobuf.INamespace);

const Unknown = root.lookupType('Unknown');
const Secret = root.lookupType('Secret');

function dropEmpty(record: Record<string, unknown>) {
  for (const [key, value] of Object.entries(record)) {
    const emptyMap =
      typeof value === 'object' &&
      value !== null &&
      Object.keys(value).length === 0;
    if (value === '' || emptyMap) delete record[key];
  }
  return record;
}

/**
 * Decodes a protobuf request body into the JSON shape the store keeps.
 * kubectl sends Secrets this way and has no JSON fallback, so without this
 * `kubectl create secret` could not work against the emulator.
 */
export function decodeProtobufBody(body: Buffer): KubeObject {
  if (!body.subarray(0, 4).equals(MAGIC)) {
    throw badRequest(
      'the protobuf body does not start with the k8s magic number',
    );
  }
  const unknown = Unknown.toObject(Unknown.decode(body.subarray(4)), {
    defaults: false,
  }) as { typeMeta?: { apiVersion?: string; kind?: string }; raw?: Uint8Array };
  const kind = unknown.typeMeta?.kind;
  if (kind !== 'Secret') {
    throw badRequest(
      `the sandbox decodes protobuf bodies of Secrets only, not ${kind}`,
    );
  }
  const secret = Secret.toObject(
    Secret.decode(unknown.raw ?? new Uint8Array()),
    {
      bytes: String, // base64, as in the JSON form
      defaults: false,
    },
  ) as Record<string, unknown> & { metadata?: Record<string, unknown> };
  return dropEmpty({
    apiVersion: unknown.typeMeta?.apiVersion,
    kind,
    ...secret,
    metadata: dropEmpty(secret.metadata ?? {}),
  }) as KubeObject;
}
