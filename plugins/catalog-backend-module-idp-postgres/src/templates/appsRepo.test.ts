import { parseAppsRepoUrl } from './appsRepo';

describe('parseAppsRepoUrl', () => {
  it('reads host, owner, repo and branch of a GitHub tree URL', () => {
    expect(parseAppsRepoUrl('https://github.com/acme/apps/tree/main')).toEqual({
      host: 'github.com',
      owner: 'acme',
      repo: 'apps',
      branch: 'main',
      repoUrl: 'github.com?owner=acme&repo=apps',
    });
  });

  it('defaults the branch to main', () => {
    expect(parseAppsRepoUrl('https://github.com/acme/apps').branch).toBe(
      'main',
    );
  });

  it.each([
    ['not a URL', 'github.com/acme/apps', /is not a URL/],
    ['plain http', 'http://github.com/acme/apps/tree/main', /https/],
    ['no repository', 'https://github.com/acme', /no owner and repository/],
    ['a file URL', 'https://github.com/acme/apps/blob/main/x.yaml', /tree/],
  ])('refuses %s', (_, value, message) => {
    expect(() => parseAppsRepoUrl(value)).toThrow(message);
  });
});
