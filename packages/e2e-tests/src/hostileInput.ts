import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test, TestContext } from 'node:test';
import { DevBackstage, E2E_PLATFORM_ADMINS } from './devBackstage';
import { ACTION_CASES } from './hostile/actionCases';
import { API_CASES } from './hostile/apiCases';
import { assertUniqueNames, HostileCase } from './hostile/cases';
import { FORM_CASES } from './hostile/formCases';
import { Answer, runCase } from './hostile/runCase';
import { pollUntil } from './poll';
import {
  SandboxSnapshot,
  snapshotChanges,
  snapshotSandbox,
} from './sandboxState';
import { BackstageApi } from './scaffolderApi';

/** Longer than any sentence a person reads; a message this long echoes the input. */
const MAX_MESSAGE_LENGTH = 2000;

const SURFACES: Array<[HostileCase['surface'], string, HostileCase[]]> = [
  ['action', 'scaffolder actions, in dry runs', ACTION_CASES],
  ['form', 'template forms, through the scaffolder API', FORM_CASES],
  ['api', 'the idp-postgres API', API_CASES],
];

/** One line of `hostile-input.json`: what each case got. */
interface Outcome {
  surface: string;
  name: string;
  status: number;
  message: string;
  todo?: string;
}

const shorten = (text: string, max = 300) =>
  text.length > max ? `${text.slice(0, max)}…` : text;

/**
 * Signs in as a platform admin, the user who may do the most: hostile input
 * must be refused for its own sake, not because the caller lacks a
 * permission. Also waits for the inventory, which the actions consult.
 */
async function signInAsPlatformAdmin(
  backstage: DevBackstage,
): Promise<BackstageApi> {
  E2E_PLATFORM_ADMINS.write(backstage.workDir, ['guest']);
  const api = await pollUntil('the guest to be a platform admin', async () => {
    const fresh = await BackstageApi.signIn(backstage.backendUrl);
    return fresh.ownershipEntityRefs.includes(E2E_PLATFORM_ADMINS.ref)
      ? fresh
      : undefined;
  });
  await pollUntil('the platform inventory', async () =>
    (await api.fetch('idp-postgres/inventory')).ok ? true : undefined,
  );
  return api;
}

/**
 * A snapshot taken once the sandbox has stopped changing, so that work an
 * earlier scenario left running (a reconcile, a removal) is not blamed on
 * the corpus.
 */
async function settledSnapshot(stateDir: string): Promise<SandboxSnapshot> {
  let previous = snapshotSandbox(stateDir);
  return pollUntil('the sandbox to settle', async () => {
    await new Promise(r => setTimeout(r, 3000));
    const next = snapshotSandbox(stateDir);
    const settled = snapshotChanges(previous, next).length === 0;
    previous = next;
    return settled ? next : undefined;
  });
}

/** The scaffolder's task ids; asked again while a restarting backend does not answer. */
async function taskIds(api: BackstageApi): Promise<string[]> {
  return pollUntil('the scaffolder task list', async () => {
    const { tasks } = await api.request<{ tasks: Array<{ id: string }> }>(
      'scaffolder/v2/tasks',
    );
    return tasks.map(t => t.id).sort();
  });
}

async function waitForTask(api: BackstageApi, id: string) {
  await pollUntil(`task ${id} to end`, async () => {
    const task = await api.request<{ status: string }>(
      `scaffolder/v2/tasks/${id}`,
    );
    return ['completed', 'failed', 'cancelled'].includes(task.status)
      ? true
      : undefined;
  });
}

/**
 * A dev backend restarting under the run (someone editing it) drops
 * connections, or answers 503 while its plugins start: wait until it is
 * back and send the case once more. A server error the input causes comes
 * back the second time too, and the case fails on it.
 */
async function runWithRestartRetry(
  backstage: DevBackstage,
  session: { api: BackstageApi },
  c: HostileCase,
): Promise<Answer> {
  try {
    const answer = await runCase(session.api, c);
    if (answer.status < 500) return answer;
  } catch (error) {
    if (
      !/fetch failed|ECONNREFUSED|ECONNRESET|socket hang up/.test(String(error))
    ) {
      throw error;
    }
  }
  session.api = await signInAsPlatformAdmin(backstage);
  return runCase(session.api, c);
}

function assertRefused(c: HostileCase, answer: Answer) {
  const said = `${answer.status}: ${shorten(answer.message, 600)}`;
  assert.ok(
    answer.status < 500,
    `a server error instead of a refusal: ${said}`,
  );
  assert.ok(
    !answer.accepted,
    c.surface === 'action'
      ? `the dry run ran the action and returned files: ${shorten(answer.body)}`
      : `accepted: ${said}`,
  );
  assert.equal(answer.status, c.expect.status, said);
  assert.match(answer.message, c.expect.message, said);
  assert.ok(
    answer.message.length <= MAX_MESSAGE_LENGTH,
    `the message is ${answer.message.length} characters long: it echoes the input`,
  );
}

/**
 * One run of the corpus: the session, what the sandbox and the task list
 * looked like before it, and what each case got.
 */
class CorpusRun {
  api!: BackstageApi;
  before: SandboxSnapshot = {};
  tasksBefore: string[] = [];
  /** The task list as the previous form case left it. */
  knownTasks: string[] = [];
  /** Tasks that known gaps (forms that let a value through) started. */
  readonly tasksOfGaps: string[] = [];
  readonly outcomes: Outcome[] = [];

  constructor(private readonly context: () => { backstage: DevBackstage }) {}

  get backstage(): DevBackstage {
    return this.context().backstage;
  }

  async start() {
    this.api = await signInAsPlatformAdmin(this.backstage);
    this.before = await settledSnapshot(this.backstage.stateDir);
    this.tasksBefore = await taskIds(this.api);
    this.knownTasks = this.tasksBefore;
  }

  /** Sends one case, and checks that it was refused and that nothing changed. */
  async check(c: HostileCase) {
    const snapshot = snapshotSandbox(this.backstage.stateDir);
    const answer = await runWithRestartRetry(this.backstage, this, c);
    if (c.surface === 'form' && answer.accepted) {
      // Let the task that should not have started end, so that what it changes is this case's.
      const { id } = JSON.parse(answer.body) as { id: string };
      this.tasksOfGaps.push(id);
      await waitForTask(this.api, id);
    }
    const changes = snapshotChanges(
      snapshot,
      snapshotSandbox(this.backstage.stateDir),
    );
    let started: string[] = [];
    if (c.surface === 'form') {
      const tasks = await taskIds(this.api);
      started = tasks.filter(id => !this.knownTasks.includes(id));
      this.knownTasks = tasks;
    }
    this.outcomes.push({
      surface: c.surface,
      name: c.name,
      status: answer.status,
      message: shorten(answer.message),
      ...(c.todo ? { todo: c.todo } : {}),
    });
    assertRefused(c, answer);
    assert.deepEqual(changes, [], 'the sandbox changed');
    assert.deepEqual(started, [], 'a task started');
  }

  /** Checks the corpus as a whole against the state before it. */
  async finish(artifacts: string) {
    fs.writeFileSync(
      path.join(artifacts, 'hostile-input.json'),
      `${JSON.stringify(this.outcomes, null, 2)}\n`,
    );
    assert.deepEqual(
      snapshotChanges(this.before, snapshotSandbox(this.backstage.stateDir)),
      [],
    );
    const unexpected = (await taskIds(this.api)).filter(
      id => !this.tasksBefore.includes(id) && !this.tasksOfGaps.includes(id),
    );
    assert.deepEqual(unexpected, [], 'the corpus started scaffolder tasks');
  }
}

/**
 * The hostile-input corpus: every case is refused with a clear message, and
 * neither the apps repo, nor a Kubernetes or Secrets Manager secret, nor the
 * scaffolder's task list changes, per case and over the whole corpus.
 */
export function hostileInputScenarios(
  context: () => { backstage: DevBackstage; artifacts: string },
) {
  const all = SURFACES.flatMap(([, , cases]) => cases);
  assertUniqueNames(all);
  const run = new CorpusRun(context);

  test(`hostile input: ${all.length} cases; the sandbox at rest before them`, async (t: TestContext) => {
    await run.start();
    const counts = SURFACES.map(
      ([, title, cases]) => `${cases.length} ${title}`,
    );
    t.diagnostic(`cases: ${counts.join(', ')}`);
    assert.ok(all.length >= 150, `only ${all.length} cases`);
    assert.ok(
      Object.keys(run.before).some(key => key.startsWith('Kubernetes secret')),
      'no Kubernetes secrets read from the sandbox state',
    );
  });

  for (const [, title, cases] of SURFACES) {
    test(`hostile input: ${cases.length} ${title}`, async (t: TestContext) => {
      for (const c of cases) {
        await t.test(c.name, { todo: c.todo }, () => run.check(c));
      }
    });
  }

  test('hostile input: nothing written or changed over the corpus', () =>
    run.finish(context().artifacts));
}
