import { DATABASE_ROLES } from '@jppol-idp/backstage-plugin-idp-postgres-common';
import {
  appUsing,
  definitionOf,
  healthyFacts,
  inAppsRepo,
  scheduleForDeletion,
  withoutGrants,
  withoutKubernetesSecret,
} from './__testUtils__/statusFacts';
import { evaluateStatus, verdictReason } from './evaluateStatus';
import type { DatabaseFacts } from './facts';
import { HEADLINE_ORDER } from './headline';
import { KNOWN_ERROR_DETECTORS } from './knownErrors';

const headline = (facts: DatabaseFacts) => evaluateStatus(facts).headline;
const next = (facts: DatabaseFacts) => headline(facts).next?.kind;

function setConditions(
  facts: DatabaseFacts,
  conditions: Array<{
    type: string;
    status: string;
    reason: string;
    message?: string;
  }>,
) {
  if (facts.resource.ok && facts.resource.value) {
    facts.resource.value.conditions = conditions;
  }
}

function driftWrite(facts: DatabaseFacts) {
  facts.roles.write.login = {
    ok: true,
    value: {
      ok: false,
      failure: 'wrong-password',
      reason: 'password authentication failed for user "idp-dev-orders-write"',
    },
  };
}

describe('grant severity from use', () => {
  it('is information for a fresh database no app uses', () => {
    const status = evaluateStatus(withoutGrants(inAppsRepo(healthyFacts())));
    expect(status.state).toBe('info');
    expect(status.grants.state).toBe('info');
    expect(status.grants.reason).toBe(
      '2 privileges of the write and read roles are missing, and no app in the apps repo uses them: nothing to do until one does; apply the grants before connecting an app with these roles.',
    );
    // Nothing to do: no known error and no next action, the SQL stays in the report.
    expect(status.knownErrors).toEqual([]);
    expect(status.grants.report?.fixSql).toHaveLength(2);
    expect(status.headline).toEqual({
      sentence: `Healthy, nothing to do: ${status.grants.reason}`,
    });
  });

  it('is a warning naming the app once one uses a role without privileges', () => {
    const facts = withoutGrants(inAppsRepo(healthyFacts()));
    facts.platform.appsRepo!.usedBy = [appUsing(facts, 'shop-api', ['write'])];
    const status = evaluateStatus(facts);
    expect(status.state).toBe('warning');
    expect(status.grants.reason).toBe(
      '2 privileges of the write and read roles are missing, and idp-dev/shop-api uses the write role: apply the grants.',
    );
    expect(status.knownErrors.map(e => e.id)).toEqual(['missing-schema-usage']);
    expect(status.headline).toEqual({
      sentence: `Missing privileges: ${status.grants.reason}`,
      next: { kind: 'apply-grants', label: 'Apply grants' },
    });
  });

  it('stays information when apps use only the admin role', () => {
    const facts = withoutGrants(inAppsRepo(healthyFacts()));
    facts.platform.appsRepo!.usedBy = [appUsing(facts, 'migrator', ['admin'])];
    expect(evaluateStatus(facts).state).toBe('info');
  });

  it('is a warning while the inventory does not know who uses the database', () => {
    const status = evaluateStatus(withoutGrants(healthyFacts()));
    expect(status.grants.state).toBe('warning');
    expect(status.grants.reason).toMatch(
      /whether an app uses them is not known yet/,
    );
  });

  it('gives the inventory the verdict the detail has', () => {
    const status = evaluateStatus(withoutGrants(inAppsRepo(healthyFacts())));
    expect(verdictReason(status)).toBe(status.headline.sentence);
  });
});

describe('the headline', () => {
  it('lists every detector that has a headline, and only those', () => {
    expect(
      KNOWN_ERROR_DETECTORS.filter(d => d.headline)
        .map(d => d.id)
        .sort(),
    ).toEqual([...HEADLINE_ORDER].sort());
  });

  it('says a healthy database is healthy, with nothing to do', () => {
    expect(headline(inAppsRepo(healthyFacts()))).toEqual({
      sentence: 'Healthy: every check passed.',
    });
  });

  it('puts removed-but-protected before missing grants an app needs', () => {
    const facts = withoutGrants(
      inAppsRepo(healthyFacts(), { definition: undefined }),
    );
    facts.platform.appsRepo!.usedBy = [appUsing(facts, 'shop-api', ['write'])];
    facts.resource = { ok: true, value: undefined };
    const result = headline(facts);
    expect(result.sentence).toMatch(
      /^Removed from the apps repo, kept by deletion protection/,
    );
    expect(result.next).toMatchObject({
      kind: 're-add-definition',
      link: expect.stringMatching(
        /^\/create\/templates\/default\/create-postgres-database\?formData=/,
      ),
    });
  });

  it('puts rejected values before the missing secrets they cause', () => {
    const facts = inAppsRepo(healthyFacts(), {
      definition: definitionOf(
        { namespace: 'idp-dev', name: 'orders' },
        { chartVersion: '1.0.4', rejectedValuesKeys: ['replicas'] },
      ),
    });
    for (const role of DATABASE_ROLES) withoutKubernetesSecret(facts, role);
    expect(headline(facts)).toEqual({
      sentence:
        'Values rejected: remove `replicas` from `idp-dev/orders/values.yaml`; until then ArgoCD cannot render the chart, so nothing of the database is provisioned or updated.',
      next: {
        kind: 'fix-values',
        label: 'Fix the values',
        link: 'https://github.com/org/apps/blob/main/idp-dev/orders/values.yaml',
      },
    });
  });

  it('puts a chart below 0.5.0 before a secret scheduled for deletion', () => {
    const facts = inAppsRepo(healthyFacts(), {
      definition: definitionOf(
        { namespace: 'idp-dev', name: 'orders' },
        { chartVersion: '0.4.1' },
      ),
    });
    scheduleForDeletion(facts, 'read');
    const result = headline(facts);
    expect(result.sentence).toMatch(
      /^idp-dev\/orders\/application.yaml deploys chart 0.4.1. Below 0.5.0 its secrets are soft-deleted/,
    );
    expect(result.next?.kind).toBe('upgrade-chart');
  });

  it('puts missing Kubernetes secrets before failing logins', () => {
    const facts = inAppsRepo(healthyFacts());
    withoutKubernetesSecret(facts, 'read');
    driftWrite(facts);
    expect(headline(facts)).toEqual({
      sentence:
        'Kubernetes secret idp-dev-orders-read is missing in idp-dev, so apps using it cannot start; Secrets Manager still has the copies to restore from.',
      next: { kind: 'restore-secrets', label: 'Restore the secrets' },
    });
  });

  it('says to cancel the deletion first when the missing secrets’ copies are scheduled', () => {
    const facts = inAppsRepo(healthyFacts());
    withoutKubernetesSecret(facts, 'read');
    scheduleForDeletion(facts, 'read');
    expect(headline(facts)).toEqual({
      sentence:
        'Kubernetes secret idp-dev-orders-read is missing in idp-dev, so apps using it cannot start; Secrets Manager has the copies but deletion is scheduled: cancel it, then restore.',
      next: {
        kind: 'restore-secrets',
        label: 'Cancel the deletion and restore',
      },
    });
  });

  it('puts a secret scheduled for deletion before missing grants', () => {
    const facts = withoutGrants(healthyFacts());
    scheduleForDeletion(facts, 'write');
    expect(headline(facts).next).toEqual({
      kind: 'restore-secrets',
      label: 'Cancel the deletion',
    });
    expect(headline(facts).sentence).toMatch(
      /will be purged between 2026-05-08 and 2026-05-31/,
    );
  });

  it('puts a refused password before missing grants', () => {
    const facts = withoutGrants(healthyFacts());
    driftWrite(facts);
    expect(headline(facts).next).toEqual({
      kind: 'restore-secrets',
      label: 'Restore with force',
    });
  });

  it('waits while the resource is being created, and asks the platform team when it failed', () => {
    const creating = healthyFacts();
    setConditions(creating, [
      {
        type: 'Ready',
        status: 'False',
        reason: 'Creating',
        message: 'Unready resources: database',
      },
      { type: 'Synced', status: 'True', reason: 'ReconcileSuccess' },
    ]);
    expect(next(creating)).toBe('wait');
    const failed = healthyFacts();
    setConditions(failed, [
      { type: 'Ready', status: 'False', reason: 'Unavailable' },
      {
        type: 'Synced',
        status: 'False',
        reason: 'ReconcileError',
        message: 'cannot connect to Aurora',
      },
    ]);
    expect(headline(failed)).toMatchObject({
      sentence: expect.stringContaining('cannot connect to Aurora'),
      next: { kind: 'ask-platform-team' },
    });
  });

  it('puts missing grants an app needs before an unprotected production database', () => {
    const facts = withoutGrants(inAppsRepo(healthyFacts()));
    facts.platform.production = true;
    facts.platform.appsRepo!.usedBy = [appUsing(facts, 'shop-api', ['read'])];
    expect(next(facts)).toBe('apply-grants');
    facts.platform.appsRepo!.usedBy = [];
    expect(headline(facts)).toMatchObject({
      sentence:
        'Not protected from deletion in a production namespace: removing idp-dev/orders/values.yaml would delete the database and its data.',
      next: {
        kind: 'protect',
        link: expect.stringMatching(
          /^\/create\/templates\/default\/protect-postgres-database\?formData=/,
        ),
      },
    });
  });

  it('waits for ArgoCD while a definition is not synced yet', () => {
    const facts = inAppsRepo(healthyFacts());
    facts.resource = { ok: true, value: undefined };
    const status = evaluateStatus(facts);
    expect(status.resource.state).toBe('warning');
    expect(status.headline).toEqual({
      sentence:
        'Waiting for ArgoCD: There is no postgresqldatabases idp-dev/orders yet: idp-dev/orders/values.yaml defines it and ArgoCD has not synced it.',
      next: { kind: 'wait', label: 'Wait for ArgoCD' },
    });
  });

  it('waits while a removal is in progress', () => {
    const facts = inAppsRepo(healthyFacts(), { definition: undefined });
    expect(headline(facts)).toEqual({
      sentence:
        'Being removed: the apps repo no longer defines it and ArgoCD is deleting its resource.',
      next: { kind: 'wait', label: 'Wait for the removal' },
    });
  });

  it('says when checks could not run, without an action', () => {
    const facts = healthyFacts();
    facts.resource = { ok: false, reason: 'Kubernetes API timed out' };
    expect(headline(facts)).toEqual({
      sentence:
        'Not every check could run, so the verdict is open: Could not read postgresqldatabases idp-dev/orders: Kubernetes API timed out',
    });
  });
});
