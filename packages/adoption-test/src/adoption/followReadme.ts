import fs from 'node:fs';
import { forgetCachedScope, generateApp } from '../app/generateApp';
import { applyFileStep } from '../guide/applyFileStep';
import { describeStep, LocatedStep } from '../guide/parseGuide';
import { Tools } from '../registry/tools';
import { LocalRegistry } from '../registry/verdaccio';
import { runLogged } from '../runner/exec';
import { AdoptionRun, PORTS } from './AdoptionRun';

/** The app as the README's steps left it, and the environment they ran in. */
export interface AdoptedApp {
  appDir: string;
  env: NodeJS.ProcessEnv;
}

/** The ops that run once the app is installed: not part of the setup. */
const RUNTIME_OPS = ['sandbox', 'start', 'cleanup'];

/**
 * The environment without what `yarn test:adoption` adds for its own run
 * (the repository as the project, Yarn's shim folder), so the commands in
 * the app see the app as their project.
 */
export function withoutOuterYarn(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const shims = env.BERRY_BIN_FOLDER;
  const clean = Object.fromEntries(
    Object.entries(env).filter(
      ([key]) =>
        !/^(npm_package_|npm_lifecycle_)/.test(key) &&
        ![
          'INIT_CWD',
          'PROJECT_CWD',
          'BERRY_BIN_FOLDER',
          'npm_execpath',
          'npm_node_execpath',
          'npm_config_user_agent',
        ].includes(key),
    ),
  );
  clean.PATH = (env.PATH ?? '')
    .split(':')
    .filter(dir => dir !== shims)
    .join(':');
  return clean;
}

/** What the README's blocks read, and what this machine needs besides. */
function guideEnvironment(
  run: AdoptionRun,
  registry: LocalRegistry,
): NodeJS.ProcessEnv {
  return {
    ...withoutOuterYarn(process.env),
    FORCE_COLOR: '0',
    // What the README asks the reader to set.
    JPPOL_IDP_NPM_REGISTRY: registry.url,
    IDP_CHECKOUT: run.repoRoot,
    IDP_SANDBOX_STATE_DIR: run.stateDir,
    IDP_SANDBOX_POSTGRES_PORT: String(PORTS.postgres),
    IDP_SANDBOX_KUBERNETES_PORT: String(PORTS.kubernetes),
    IDP_SANDBOX_SECRETS_MANAGER_PORT: String(PORTS.secretsManager),
    // The local registry speaks plain http, which Yarn refuses unless listed.
    YARN_UNSAFE_HTTP_WHITELIST: '127.0.0.1',
    // A type-check needs no native module built.
    ...(run.quick ? { YARN_ENABLE_SCRIPTS: 'false' } : {}),
  };
}

/** Runs a README shell block with bash, stopping at the first failing command. */
function runScript(
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  logFile: string,
) {
  fs.appendFileSync(logFile, `${script}\n`);
  return runLogged('bash', ['-e', '-o', 'pipefail', '-c', script], logFile, {
    cwd,
    env,
  });
}

/**
 * Runs one README step as a step of the test: shell-like blocks in `cwd`,
 * file blocks on the app's files.
 */
export function readmeStep(
  run: AdoptionRun,
  app: AdoptedApp,
  step: LocatedStep,
  cwd: string,
): Promise<void> {
  return run.runner.step(
    `README.md:${step.line} ${describeStep(step)}`,
    async ctx => {
      if ('file' in step) applyFileStep(app.appDir, step);
      else await runScript(step.script, cwd, app.env, ctx.logFile);
    },
  );
}

/**
 * The adopter's side up to a type-checked app: a new app from create-app,
 * the README's setup blocks in order, `yarn install` and `yarn tsc`.
 */
export async function followReadme(
  run: AdoptionRun,
  guide: LocatedStep[],
  tools: Tools,
  registry: LocalRegistry,
): Promise<AdoptedApp> {
  const { runner } = run;
  const appDir = await runner.step('generate an app with create-app', ctx =>
    generateApp({
      createAppBin: tools.createAppBin,
      parentDir: run.workDir,
      name: 'adopted-app',
      logFile: ctx.logFile,
    }),
  );
  const app: AdoptedApp = { appDir, env: guideEnvironment(run, registry) };
  await runner.step(
    "forget earlier runs' @jppol-idp archives in Yarn's cache",
    async ctx => {
      forgetCachedScope(appDir, app.env, '@jppol-idp').forEach(file =>
        ctx.log(`removed ${file}`),
      );
    },
  );
  for (const step of guide.filter(s => !RUNTIME_OPS.includes(s.op))) {
    await readmeStep(run, app, step, appDir);
  }
  await runner.step('yarn install in the app', ctx =>
    runLogged('yarn', ['install'], ctx.logFile, { cwd: appDir, env: app.env }),
  );
  await runner.step('yarn tsc in the app', ctx =>
    runLogged('yarn', ['tsc'], ctx.logFile, { cwd: appDir, env: app.env }),
  );
  return app;
}
