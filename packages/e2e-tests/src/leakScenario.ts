import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test, TestContext } from 'node:test';
import type { DevBackstage } from './devBackstage';
import { describeLeaks, findLeaks, LeakSource } from './leakCheck';
import {
  frontendBundleSources,
  logSource,
  recordedResponseSources,
  scaffolderTaskSources,
} from './leakSources';
import { pollUntil } from './poll';
import { responses } from './responseRecorder';
import {
  mergePasswords,
  readSandboxPasswords,
  SandboxPassword,
} from './sandboxState';
import { BackstageApi } from './scaffolderApi';

/**
 * The last test of the run: no password the sandbox held at its start or
 * holds at the end appears in anything the run received or produced.
 */
export function leakCheckScenario(
  context: () => {
    backstage: DevBackstage;
    artifacts: string;
    logFile: string;
    passwordsAtStart: SandboxPassword[];
  },
) {
  test('no sandbox password in any response, log, task or frontend asset', async (t: TestContext) => {
    const ctx = context();
    const passwords = mergePasswords(
      ctx.passwordsAtStart,
      readSandboxPasswords(ctx.backstage.stateDir),
    );
    assert.ok(passwords.length > 0, 'no passwords read from the sandbox');

    const started = Date.now();
    const tasks = await pollUntil('the scaffolder tasks', async () => {
      const api = await BackstageApi.signIn(ctx.backstage.backendUrl);
      return scaffolderTaskSources(ctx.backstage.backendUrl, api.token);
    });
    const bundle = await frontendBundleSources(ctx.backstage.appUrl);
    // The requests above were recorded too; wait for every body to be on disk.
    await responses.flush();
    const recorded = recordedResponseSources(responses);
    const sources: LeakSource[] = [
      ...recorded,
      logSource(ctx.logFile),
      ...tasks,
      ...bundle,
    ];

    const gathered = Date.now();
    const findings = findLeaks(passwords, sources);
    const summary = {
      gatherMs: gathered - started,
      searchMs: Date.now() - gathered,
      passwords: passwords.length,
      responses: responses.entries().length,
      distinctBodies: recorded.length,
      unreadableBrowserBodies: responses.unreadable,
      scaffolderTaskParts: tasks.length,
      frontendAssets: bundle.length,
      bytesSearched: sources.reduce((n, s) => n + s.content.length, 0),
      findings,
    };
    fs.writeFileSync(
      path.join(ctx.artifacts, 'leak-check.json'),
      `${JSON.stringify(summary, null, 2)}\n`,
    );
    t.diagnostic(
      `${summary.passwords} passwords; ${summary.responses} responses (${summary.distinctBodies} distinct bodies), the log, ${summary.scaffolderTaskParts} task parts, ${summary.frontendAssets} frontend assets; ${summary.bytesSearched} bytes; gathered in ${summary.gatherMs} ms, searched in ${summary.searchMs} ms`,
    );
    assert.equal(findings.length, 0, describeLeaks(findings));
  });
}
