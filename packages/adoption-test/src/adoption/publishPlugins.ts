import fs from 'node:fs';
import path from 'node:path';
import { buildAndPack, packedTarballs } from '../registry/packPlugins';
import { installTools, Tools } from '../registry/tools';
import {
  LocalRegistry,
  publishTarballs,
  startRegistry,
} from '../registry/verdaccio';
import { AdoptionRun } from './AdoptionRun';

/**
 * The release side: the tools, a local registry, and the plugin packages
 * built, packed and published to it as a release would.
 */
export async function publishPlugins(
  run: AdoptionRun,
): Promise<{ tools: Tools; registry: LocalRegistry }> {
  const { runner } = run;
  const tools = await runner.step(
    `install Verdaccio and the create-app of Backstage ${run.release}`,
    ctx => installTools(run.release, ctx.logFile),
  );
  const registry = await runner.step('start the local registry', async ctx => {
    const started = await startRegistry({
      verdaccioBin: tools.verdaccioBin,
      dir: run.dir('registry'),
      logFile: path.join(run.artifacts, 'verdaccio.log'),
    });
    ctx.log(`Verdaccio at ${started.url}; its requests in verdaccio.log`);
    return started;
  });
  run.onCleanup(() => registry.stop());

  const tarballs = run.tarballsDir
    ? await runner.step(
        `take the release check's tarballs from ${run.tarballsDir}`,
        async () => packedTarballs(run.repoRoot, run.tarballsDir!),
      )
    : await runner.step('build and pack the plugins', ctx =>
        buildAndPack(run.repoRoot, run.dir('packs'), ctx),
      );
  await runner.step('publish them to the local registry', async ctx => {
    await publishTarballs(registry, tarballs, ctx.logFile);
    ctx.log(
      tarballs
        .map(t => `${path.basename(t)}: ${fs.statSync(t).size} bytes`)
        .join('\n'),
    );
  });
  return { tools, registry };
}
