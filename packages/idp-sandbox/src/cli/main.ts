import { PortInUseError } from '../sandbox/ports';
import { reset, seed, status } from './commands';
import { runForeground, start, stop } from './daemon';
import { CliOptions, parseCliOptions } from './options';

const USAGE = `Usage: sandbox <start|stop|status|reset|seed|run> [options]

  start   start the local platform in the background and print how to connect
  stop    stop it
  status  show whether it runs, how to connect, and its fault rules
  reset   stop it and delete all its state
  seed    add the demo databases (needs a running sandbox)
  run     run in the foreground (what start runs in the background)

Options (start and run):
  --postgres-port N         PostgreSQL endpoint (the fault-injection proxy)
  --kubernetes-port N       Kubernetes API emulator
  --secrets-manager-port N  Secrets Manager emulator
  --kubernetes-token T      the emulator's bearer token (dev only)
  --state-dir DIR           state folder (any command)

Ports and token default to idpPostgres.sandbox in the repository's
app-config.yaml (and app-config.local.yaml), the values \`yarn start\` uses; a
taken port fails the start. Port 0 means any free port. State lives in
.sandbox/ at the repository root unless --state-dir, IDP_SANDBOX_STATE_DIR or
idpPostgres.sandbox.stateDir says otherwise; a relative --state-dir is taken
from the folder you ran the command in. Development use only.`;

/** The CLI entry point; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCliOptions(argv);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    return await runCommand(options);
  } catch (error) {
    // A taken port is the user's to fix, not a crash: no stack trace.
    if (error instanceof PortInUseError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

async function runCommand(options: CliOptions): Promise<number> {
  switch (options.command) {
    case 'start':
      return start(options);
    case 'stop':
      return stop(options.stateDir);
    case 'status':
      return status(options.stateDir);
    case 'reset':
      return reset(options.stateDir);
    case 'seed':
      return seed(options.stateDir);
    case 'run':
      await runForeground(options);
      return -1; // keeps running until a signal
    default:
      process.stdout.write(`${USAGE}\n`);
      return options.command ? 2 : 0;
  }
}
