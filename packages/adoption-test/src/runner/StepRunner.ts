import fs from 'node:fs';
import path from 'node:path';

/** How a step ended. `warned`: it finished, with problems worth reading. */
export type StepStatus = 'passed' | 'warned' | 'failed';

export interface StepResult {
  name: string;
  status: StepStatus;
  seconds: number;
  /** The step's log, relative to the artifacts folder. */
  log: string;
  /** What went wrong, or the problems of a warned step. */
  message?: string;
}

/** What a step gets: its log file, and a way to finish with a warning. */
export interface StepContext {
  logFile: string;
  log(line: string): void;
  warn(message: string): void;
}

function slug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60);
}

/**
 * Runs the test's steps one after another, each timed and logged to its own
 * file under the artifacts folder, and keeps the results for the summary.
 */
export class StepRunner {
  readonly results: StepResult[] = [];
  private readonly started = Date.now();

  constructor(
    readonly artifactsDir: string,
    private readonly out: (line: string) => void = line =>
      process.stdout.write(`${line}\n`),
  ) {
    fs.mkdirSync(artifactsDir, { recursive: true });
  }

  /** Runs one step; a failure is recorded and thrown on. */
  async step<T>(
    name: string,
    fn: (ctx: StepContext) => Promise<T>,
  ): Promise<T> {
    const number = String(this.results.length + 1).padStart(2, '0');
    const logName = `${number}-${slug(name)}.log`;
    const logFile = path.join(this.artifactsDir, logName);
    fs.writeFileSync(logFile, `# ${name}\n`);
    const warnings: string[] = [];
    const ctx: StepContext = {
      logFile,
      log: line => fs.appendFileSync(logFile, `${line}\n`),
      warn: message => {
        warnings.push(message);
        fs.appendFileSync(logFile, `WARNING: ${message}\n`);
      },
    };
    this.out(`▶ ${number} ${name}`);
    const start = Date.now();
    const seconds = () => Math.round((Date.now() - start) / 100) / 10;
    try {
      const value = await fn(ctx);
      const status = warnings.length > 0 ? 'warned' : 'passed';
      this.record({
        name,
        status,
        seconds: seconds(),
        log: logName,
        message: warnings.join('\n') || undefined,
      });
      return value;
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      ctx.log(`FAILED: ${message}`);
      this.record({
        name,
        status: 'failed',
        seconds: seconds(),
        log: logName,
        message,
      });
      throw error;
    }
  }

  private record(result: StepResult) {
    this.results.push(result);
    const mark = { passed: '✓', warned: '!', failed: '✗' }[result.status];
    this.out(`${mark} ${result.name} (${result.seconds} s)`);
    if (result.message) {
      // The whole message is in the log and summary.json; the console gets its end.
      const lines = result.message.split('\n');
      this.out(
        [...(lines.length > 15 ? ['…'] : []), ...lines.slice(-15)]
          .map(l => `    ${l}`)
          .join('\n'),
      );
      this.out(
        `    log: ${path.join(path.basename(this.artifactsDir), result.log)}`,
      );
    }
  }

  /** Total seconds since the runner was made. */
  totalSeconds(): number {
    return Math.round((Date.now() - this.started) / 1000);
  }

  /** Writes `summary.json` and prints the timing table. */
  finish(extra: Record<string, unknown>): void {
    const total = this.totalSeconds();
    fs.writeFileSync(
      path.join(this.artifactsDir, 'summary.json'),
      `${JSON.stringify(
        { ...extra, totalSeconds: total, steps: this.results },
        null,
        2,
      )}\n`,
    );
    this.out('');
    for (const r of this.results) {
      this.out(
        `${String(r.seconds).padStart(7)} s  ${r.status.padEnd(6)}  ${r.name}`,
      );
    }
    this.out(`${String(total).padStart(7)} s  total`);
  }
}
