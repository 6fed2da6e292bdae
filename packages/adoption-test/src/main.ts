import fs from 'node:fs';
import path from 'node:path';
import { findWorkspaceRoot } from '@jppol-idp/idp-sandbox';
import { AdoptionRun } from './adoption/AdoptionRun';
import { followReadme } from './adoption/followReadme';
import { publishPlugins } from './adoption/publishPlugins';
import { checkMachine, runAndCheck } from './adoption/runAndCheck';
import { describeStep, parseGuide } from './guide/parseGuide';

const USAGE = `Usage: yarn test:adoption [--quick] [--tarballs <dir>] [--keep]

Publishes the plugin packages to a local registry, generates an app with
@backstage/create-app, follows the root README's "Add the plugins to an
existing Backstage app" block by block, installs and type-checks the app,
starts it against a sandbox and checks it in Chromium.

  --quick           stop after the type-check (no sandbox, no app start, no
                    browser), and delete the temporary folder in the background
  --tarballs <dir>  publish the tarballs "yarn release:check --out <dir>"
                    packed, instead of building and packing again
  --keep            keep the temporary folder with the app and the registry
`;

async function adopt(run: AdoptionRun) {
  const guide = await run.runner.step(
    "read the README's adoption section",
    async ctx => {
      const steps = parseGuide(
        fs.readFileSync(path.join(run.repoRoot, 'README.md'), 'utf8'),
      );
      steps.forEach(s => ctx.log(`README.md:${s.line} ${describeStep(s)}`));
      return steps;
    },
  );
  if (!run.quick) await checkMachine(run);
  const { tools, registry } = await publishPlugins(run);
  const app = await followReadme(run, guide, tools, registry);
  if (!run.quick) await runAndCheck(run, guide, app);
}

export async function main(args: string[]): Promise<number> {
  if (args.includes('--help')) {
    process.stdout.write(USAGE);
    return 0;
  }
  const tarballsIndex = args.indexOf('--tarballs');
  const run = new AdoptionRun(
    findWorkspaceRoot(),
    args.includes('--quick'),
    tarballsIndex >= 0 ? path.resolve(args[tarballsIndex + 1]) : undefined,
  );
  const interrupted = () => {
    process.stderr.write('Interrupted: stopping what the test started\n');
    // The temporary folder stays: a step's command (a pack, say) may still
    // be finishing in it.
    run.cleanUp().finally(() => {
      process.stderr.write(`Left ${run.workDir}\n`);
      process.exit(130);
    });
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  let passed = true;
  try {
    await adopt(run);
  } catch (error) {
    passed = false;
    // A failed step has printed its error; anything else has not.
    if (!run.runner.results.some(r => r.status === 'failed')) {
      process.stderr.write(`${(error as Error).stack ?? error}\n`);
    }
  } finally {
    await run.cleanUp();
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
    if (args.includes('--keep')) {
      process.stdout.write(`Kept ${run.workDir}\n`);
    } else if (run.quick) {
      run.removeWorkDirInBackground();
      process.stdout.write(`Deleting ${run.workDir} in the background\n`);
    } else {
      await run.runner
        .step('delete the temporary folder', async () => run.removeWorkDir())
        .catch(() => {});
    }
    run.runner.finish({
      mode: run.quick ? 'quick' : 'full',
      backstageRelease: run.release,
      passed,
    });
  }
  return passed ? 0 : 1;
}
