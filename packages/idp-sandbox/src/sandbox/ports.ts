import net from 'node:net';
import type { SandboxPorts } from '../config/sandboxConfig';
import { SandboxLogger } from '../logging/SandboxLogger';

/** What each configurable port is for, as error messages name it. */
const PARTS: Record<keyof SandboxPorts, { title: string; flag: string }> = {
  postgres: {
    title: 'PostgreSQL (the fault-injection proxy clients connect to)',
    flag: '--postgres-port',
  },
  kubernetes: {
    title: 'the Kubernetes API emulator',
    flag: '--kubernetes-port',
  },
  secretsManager: {
    title: 'the Secrets Manager emulator',
    flag: '--secrets-manager-port',
  },
};

/**
 * A fixed port is taken. The sandbox never moves a fixed port elsewhere:
 * the dev config, kubeconfigs and printed commands name it.
 *
 * @public
 */
export class PortInUseError extends Error {
  constructor(readonly port: number, readonly part: keyof SandboxPorts) {
    super(
      `Port ${port} for ${PARTS[part].title} is in use. Stop what listens ` +
        `there (\`yarn sandbox status\`, a running \`yarn start\`?) or choose ` +
        `another port: ${PARTS[part].flag}, or idpPostgres.sandbox.ports.${part} in app-config.`,
    );
    this.name = 'PortInUseError';
  }
}

function isAddressInUse(error: unknown): boolean {
  return (error as NodeJS.ErrnoException)?.code === 'EADDRINUSE';
}

async function probe(port: number): Promise<boolean> {
  const server = net.createServer();
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, '127.0.0.1', () => resolve());
    });
  } catch (error) {
    if (isAddressInUse(error)) return false;
    throw error;
  }
  await new Promise(resolve => server.close(resolve));
  return true;
}

/**
 * Fails on the first fixed port that is taken, before anything starts, so
 * a taken port costs no PostgreSQL start-up and leaves nothing running.
 */
export async function assertFixedPortsFree(ports: SandboxPorts = {}) {
  for (const part of Object.keys(PARTS) as (keyof SandboxPorts)[]) {
    const port = ports[part];
    if (port && !(await probe(port))) throw new PortInUseError(port, part);
  }
}

/**
 * Listens on the fixed port (taken: `PortInUseError`), else on the previous
 * run's port so printed commands keep working, else on any free port.
 */
export async function listenFor<T>(
  part: keyof SandboxPorts,
  listen: (port: number) => Promise<T>,
  ports: { fixed?: number; previous?: number },
  logger: SandboxLogger,
): Promise<T> {
  const wanted = ports.fixed || ports.previous || 0;
  try {
    return await listen(wanted);
  } catch (error) {
    if (!isAddressInUse(error) || wanted === 0) throw error;
    if (ports.fixed) throw new PortInUseError(wanted, part);
    logger.warn(`The previous port of ${PARTS[part].title} is taken`, {
      port: wanted,
    });
    return listen(0);
  }
}
