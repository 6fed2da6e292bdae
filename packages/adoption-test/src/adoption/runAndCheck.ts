import fs from 'node:fs';
import { startApp } from '../app/runningApp';
import {
  checkPermissionPolicy,
  checkTemplateDryRun,
  waitForCatalog,
} from '../checks/apiChecks';
import { checkInBrowser } from '../checks/browserChecks';
import { CHROMIUM_PATH } from 'e2e-tests/src/browser';
import { BackstageApi } from 'e2e-tests/src/scaffolderApi';
import { describeStep, LocatedStep } from '../guide/parseGuide';
import { assertPortFree } from '../runner/ports';
import { AdoptionRun, PORTS } from './AdoptionRun';
import { AdoptedApp, readmeStep } from './followReadme';

const CATALOG_TIMEOUT_MS = 4 * 60_000;

/** Fails early, before anything is built, when the full run could not finish. */
export async function checkMachine(run: AdoptionRun) {
  await run.runner.step(
    'check that the test ports are free and Chromium is there',
    async () => {
      await assertPortFree(PORTS.app, 'the app');
      await assertPortFree(PORTS.backend, 'the backend');
      await assertPortFree(PORTS.postgres, "the sandbox's PostgreSQL");
      await assertPortFree(PORTS.kubernetes, "the sandbox's Kubernetes API");
      await assertPortFree(
        PORTS.secretsManager,
        "the sandbox's Secrets Manager",
      );
      if (!fs.existsSync(CHROMIUM_PATH)) {
        throw new Error('Chromium is missing: apt-get install -y chromium');
      }
    },
  );
}

/**
 * The README's sandbox blocks in this checkout, its start block in the app,
 * then the checks as the guest user; the cleanup blocks run at the end of
 * the run whatever happens.
 */
export async function runAndCheck(
  run: AdoptionRun,
  guide: LocatedStep[],
  adopted: AdoptedApp,
) {
  const { runner, repoRoot } = run;
  const ofOp = (op: LocatedStep['op']) => guide.filter(s => s.op === op);
  run.onCleanup(async () => {
    for (const step of ofOp('cleanup')) {
      await readmeStep(run, adopted, step, repoRoot).catch(() => {});
    }
  });
  for (const step of ofOp('sandbox')) {
    await readmeStep(run, adopted, step, repoRoot);
  }

  const [start] = ofOp('start');
  if (!start || !('script' in start)) {
    throw new Error('The section needs a "start" block');
  }
  const app = await runner.step(
    `README.md:${start.line} ${describeStep(start)}`,
    ctx =>
      startApp({
        script: start.script,
        appDir: adopted.appDir,
        env: adopted.env,
        ports: PORTS,
        logFile: ctx.logFile,
      }),
  );
  run.onCleanup(() => app.stop());

  const api = await runner.step(
    'the catalog has the seeded databases and the templates',
    async () => {
      const guest = await BackstageApi.signIn(app.backendUrl);
      await waitForCatalog(guest, CATALOG_TIMEOUT_MS);
      return guest;
    },
  );
  await runner.step('Chromium: the entity card and tab, the templates', ctx =>
    checkInBrowser({
      appUrl: app.appUrl,
      screenshotsDir: run.artifacts,
      log: ctx.log,
    }).then(ctx.log),
  );
  await runner.step("the README's permission policy decides", ctx =>
    checkPermissionPolicy(api).then(ctx.log),
  );
  await runner.step('a dry run of the create template', ctx =>
    checkTemplateDryRun(api, run.stateDir).then(ctx.log),
  );
}
