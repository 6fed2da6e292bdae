import { defaultStateDir } from '../state/sandboxPaths';
import { reset, runForeground, seed, start, status, stop } from './commands';

const USAGE = `Usage: sandbox <start|stop|status|reset|seed|run> [--state-dir DIR]

  start   start the local platform in the background and print how to connect
  stop    stop it
  status  show whether it runs, its endpoints and fault rules
  reset   stop it and delete all its state
  seed    add the demo databases (needs a running sandbox)
  run     run in the foreground (what start runs in the background)

State lives in .sandbox/ at the repository root unless --state-dir or
IDP_SANDBOX_STATE_DIR says otherwise. Development use only.`;

/** The CLI entry point; returns the process exit code. */
export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const flag = rest.indexOf('--state-dir');
  const stateDir =
    (flag >= 0 ? rest[flag + 1] : undefined) ??
    process.env.IDP_SANDBOX_STATE_DIR ??
    defaultStateDir();
  switch (command) {
    case 'start':
      return start(stateDir);
    case 'stop':
      return stop(stateDir);
    case 'status':
      return status(stateDir);
    case 'reset':
      return reset(stateDir);
    case 'seed':
      return seed(stateDir);
    case 'run':
      await runForeground(stateDir);
      return -1; // keeps running until a signal
    default:
      process.stdout.write(`${USAGE}\n`);
      return command ? 2 : 0;
  }
}
