import fs from 'node:fs';
import path from 'node:path';

/**
 * Where each part of the sandbox keeps its state, all under one folder so that
 * `yarn sandbox reset` is one `rm -rf` and `.gitignore` needs one line.
 *
 * @public
 */
export interface SandboxPaths {
  root: string;
  postgres: string;
  kubernetesState: string;
  secretsManagerState: string;
  appsRepo: string;
  kubeconfig: string;
  /** The Kubernetes emulator's CA certificate (PEM). */
  kubernetesCaCert: string;
  /** The Kubernetes emulator's bearer token (JSON, 0600). */
  kubernetesTokenFile: string;
  caCert: string;
  runtimeFile: string;
  logFile: string;
}

/** @public */
export function sandboxPaths(root: string): SandboxPaths {
  const abs = path.resolve(root);
  return {
    root: abs,
    postgres: path.join(abs, 'postgres'),
    kubernetesState: path.join(abs, 'kubernetes.json'),
    secretsManagerState: path.join(abs, 'secrets-manager.json'),
    appsRepo: path.join(abs, 'apps-repo.git'),
    kubeconfig: path.join(abs, 'kubeconfig'),
    kubernetesCaCert: path.join(abs, 'kubernetes-ca.crt'),
    kubernetesTokenFile: path.join(abs, 'kubernetes-token.json'),
    caCert: path.join(abs, 'ca.crt'),
    runtimeFile: path.join(abs, 'sandbox.json'),
    logFile: path.join(abs, 'sandbox.log'),
  };
}

/**
 * The Yarn workspace root above `from`: the first folder whose package.json
 * declares workspaces, where `app-config.yaml` and `.sandbox/` live. Outside
 * a workspace, `from` itself.
 *
 * @public
 */
export function findWorkspaceRoot(from: string = process.cwd()): string {
  let dir = path.resolve(from);
  for (;;) {
    const pkg = path.join(dir, 'package.json');
    if (fs.existsSync(pkg)) {
      const json = JSON.parse(fs.readFileSync(pkg, 'utf8'));
      if (json.workspaces) return dir;
    }
    const parent = path.dirname(dir);
    if (parent === dir) return path.resolve(from);
    dir = parent;
  }
}

/**
 * The default state folder: `.sandbox/` at the workspace root above `from`.
 *
 * @public
 */
export function defaultStateDir(from: string = process.cwd()): string {
  return path.join(findWorkspaceRoot(from), '.sandbox');
}
