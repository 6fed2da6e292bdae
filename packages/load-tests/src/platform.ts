import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  FaultInjector,
  Sandbox,
  seedDemoData,
  superuserClientConfig,
} from '@jppol-idp/idp-sandbox';
import { Client } from 'pg';
import { PORTS } from './ports';

/**
 * Counts the calls the emulators answer, per system and operation. Every
 * emulator request asks its fault injector once, so wrapping `decide`
 * counts exactly the API calls the backends made.
 */
export class UpstreamCalls {
  private counts = new Map<string, number>();

  constructor(injectors: Record<string, FaultInjector>) {
    for (const [system, injector] of Object.entries(injectors)) {
      const decide = injector.decide.bind(injector);
      injector.decide = (operation: string) => {
        const key = `${system} ${operation}`;
        this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
        return decide(operation);
      };
    }
  }

  total(): number {
    let sum = 0;
    for (const n of this.counts.values()) sum += n;
    return sum;
  }

  all(): Record<string, number> {
    return Object.fromEntries(this.counts);
  }

  reset(): void {
    this.counts.clear();
  }
}

/**
 * The sandbox platform, run in this process on the tests' ports with a
 * throwaway state folder and the demo databases, so its counters (calls
 * answered, PostgreSQL connections through the proxy) are read directly.
 */
export class Platform {
  /** The Kubernetes emulator's bearer token: random per run, never written to config. */
  readonly kubernetesToken = randomBytes(24).toString('base64url');
  calls!: UpstreamCalls;
  sandbox!: Sandbox;

  private constructor(readonly workDir: string) {}

  get stateDir(): string {
    return path.join(this.workDir, 'sandbox');
  }

  static async start(): Promise<Platform> {
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'idp-load-tests-'));
    // The sandbox's PostgreSQL runs as the postgres user when we are root.
    fs.chmodSync(workDir, 0o755);
    const platform = new Platform(workDir);
    platform.sandbox = await Sandbox.start({
      stateDir: platform.stateDir,
      ports: { ...PORTS.sandbox },
      kubernetesToken: platform.kubernetesToken,
    });
    platform.calls = new UpstreamCalls({
      kubernetes: platform.sandbox.kubernetes.faults,
      'secrets-manager': platform.sandbox.secretsManager.faults,
    });
    await seedDemoData(platform.sandbox);
    return platform;
  }

  /**
   * Backstage's own database for the backends: the sandbox's server directly,
   * not through the proxy, so the proxy counts only the plugin's connections.
   * The password stays in memory; backends get it through the environment.
   */
  backstageDatabase() {
    const { host, port, user, password, caCert } = this.sandbox.postgres;
    return { host, port, user, password, caCert };
  }

  /** PostgreSQL connections the plugin holds through the proxy right now, and at most since the last reset. */
  pluginConnections() {
    return this.sandbox.proxy.connections;
  }

  /**
   * Samples, until stopped, the sessions of the platform's database roles
   * as PostgreSQL itself counts them, and resolves with the most seen at
   * once. One connection for all samples (a login costs more than a sample),
   * as the superuser, so the sampler is not among the sessions counted.
   */
  async sampleRoleSessions(everyMs: number): Promise<() => Promise<number>> {
    const client = new Client(superuserClientConfig(this.sandbox.postgres));
    await client.connect();
    let max = 0;
    let running = true;
    const done = (async () => {
      while (running) {
        const { rows } = await client.query(
          "SELECT count(*)::int AS n FROM pg_stat_activity WHERE usename LIKE 'demo-%'",
        );
        max = Math.max(max, rows[0].n);
        await new Promise(resolve => setTimeout(resolve, everyMs));
      }
    })();
    return async () => {
      running = false;
      await done;
      await client.end();
      return max;
    };
  }

  async stop(): Promise<void> {
    await this.sandbox?.stop();
    fs.rmSync(this.workDir, { recursive: true, force: true });
  }
}
