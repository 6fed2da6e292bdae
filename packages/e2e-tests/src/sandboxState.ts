import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * Reads the sandbox's state folder, which its emulators rewrite (atomically)
 * on every change: the Kubernetes emulator's objects, the Secrets Manager
 * emulator's secrets, the PostgreSQL superuser's password file and the apps
 * repo. Read-only: the running sandbox owns these files.
 */

/** A password the sandbox holds, with a label that names it without showing it. */
export interface SandboxPassword {
  /** Where it was read, e.g. `Kubernetes secret demo-dev/demo-dev-orders-read`. */
  label: string;
  value: string;
}

interface KubernetesState {
  objects: Record<
    string,
    {
      metadata: { namespace?: string; name?: string };
      data?: Record<string, string>;
    }
  >;
}

interface SecretsManagerSecret {
  name: string;
  deletedDate?: number;
  versions: Array<{ secretString?: string; stages: string[] }>;
}

function readJson<T>(file: string, fallback: T): T {
  return fs.existsSync(file)
    ? (JSON.parse(fs.readFileSync(file, 'utf8')) as T)
    : fallback;
}

/** Kubernetes Secrets by `namespace/name`, with their data (base64 values). */
function kubernetesSecrets(stateDir: string) {
  const state = readJson<KubernetesState>(
    path.join(stateDir, 'kubernetes.json'),
    { objects: {} },
  );
  return Object.entries(state.objects)
    .filter(([key]) => key.startsWith('v1|secrets|'))
    .map(([, obj]) => ({
      id: `${obj.metadata.namespace}/${obj.metadata.name}`,
      data: obj.data ?? {},
    }));
}

function secretsManagerSecrets(stateDir: string): SecretsManagerSecret[] {
  return readJson<SecretsManagerSecret[]>(
    path.join(stateDir, 'secrets-manager.json'),
    [],
  );
}

function passwordOf(secretString: string | undefined): string | undefined {
  try {
    const value = JSON.parse(secretString ?? '') as { password?: unknown };
    return typeof value.password === 'string' ? value.password : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Every password the sandbox holds now: each role's password in its
 * Kubernetes secret and in every version of its Secrets Manager secret (they
 * differ where a demo state says so), and the PostgreSQL superuser's.
 */
export function readSandboxPasswords(stateDir: string): SandboxPassword[] {
  const found: SandboxPassword[] = [];
  for (const secret of kubernetesSecrets(stateDir)) {
    if (secret.data.password) {
      found.push({
        label: `Kubernetes secret ${secret.id}`,
        value: Buffer.from(secret.data.password, 'base64').toString('utf8'),
      });
    }
  }
  for (const secret of secretsManagerSecrets(stateDir)) {
    for (const version of secret.versions) {
      const value = passwordOf(version.secretString);
      if (value) {
        found.push({
          label: `Secrets Manager secret ${secret.name} (${
            version.stages.join(',') || 'old version'
          })`,
          value,
        });
      }
    }
  }
  const pgpass = path.join(stateDir, 'pgpass');
  if (fs.existsSync(pgpass)) {
    // host:port:database:user:password, with ":" and "\" escaped.
    const line = fs.readFileSync(pgpass, 'utf8').split('\n')[0];
    const fields = line.match(/(?:\\.|[^:])+/g) ?? [];
    if (fields.length === 5) {
      found.push({
        label: `PostgreSQL superuser ${fields[3]} (pgpass)`,
        value: fields[4].replace(/\\(.)/g, '$1'),
      });
    }
  }
  return found;
}

/** Adds passwords not yet in `into` (by value), keeping the first label. */
export function mergePasswords(
  into: SandboxPassword[],
  more: SandboxPassword[],
): SandboxPassword[] {
  const known = new Set(into.map(p => p.value));
  return [...into, ...more.filter(p => !known.has(p.value))];
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex').slice(0, 16);
}

/**
 * What "nothing changed" compares: every ref of the apps repo, each
 * Kubernetes secret's data and each Secrets Manager secret's values and
 * deletion state, as hashes so the snapshot holds no secret.
 */
export type SandboxSnapshot = Record<string, string>;

export function snapshotSandbox(stateDir: string): SandboxSnapshot {
  const snapshot: SandboxSnapshot = {};
  const refs = execFileSync(
    'git',
    [
      '--git-dir',
      path.join(stateDir, 'apps-repo.git'),
      'for-each-ref',
      '--format=%(refname) %(objectname)',
    ],
    { encoding: 'utf8' },
  );
  for (const line of refs.split('\n').filter(Boolean)) {
    const [ref, sha] = line.split(' ');
    snapshot[`apps repo ${ref}`] = sha;
  }
  for (const secret of kubernetesSecrets(stateDir)) {
    snapshot[`Kubernetes secret ${secret.id}`] = sha256(
      JSON.stringify(Object.entries(secret.data).sort()),
    );
  }
  for (const secret of secretsManagerSecrets(stateDir)) {
    snapshot[`Secrets Manager secret ${secret.name}`] = sha256(
      JSON.stringify({
        deleted: secret.deletedDate ?? null,
        values: secret.versions.map(v => [v.secretString, v.stages]),
      }),
    );
  }
  return snapshot;
}

/** What differs between two snapshots, one line per added, removed or changed item. */
export function snapshotChanges(
  before: SandboxSnapshot,
  after: SandboxSnapshot,
): string[] {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return keys.sort().flatMap(key => {
    if (!(key in after)) return [`${key} was removed`];
    if (!(key in before)) return [`${key} was added`];
    return before[key] === after[key] ? [] : [`${key} changed`];
  });
}
