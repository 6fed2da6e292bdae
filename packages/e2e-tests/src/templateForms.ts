/** The sandbox's apps repo, as the templates' repository fields take it. */
export const APPS_REPO_FIELDS = {
  repoUrl: 'github.com?owner=jppol-idp&repo=apps',
  targetBranchName: 'main',
};

/** The create template's form as team-shop fills it in for `database`, with `extra` on top. */
export function createDatabaseForm(
  database: { namespace: string; name: string },
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  return {
    database,
    owner: 'group:default/team-shop',
    slackChannel: 'team-shop',
    chartVersion: '0.5.0',
    deletionProtection: false,
    ...APPS_REPO_FIELDS,
    ...extra,
  };
}
