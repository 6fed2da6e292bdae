import { ConfigReader } from '@backstage/config';
import { awsAccountWarnings } from './awsAccounts';
import type { ClusterConfig } from './pluginConfig';

const cluster = (name: string, accountId?: string) =>
  ({
    name,
    secretsManager: { region: 'eu-west-1', accountId },
  } as ClusterConfig);

describe('awsAccountWarnings', () => {
  const clusters = [
    cluster('dev', '111111111111'),
    cluster('prod', '222222222222'),
    cluster('main'),
  ];

  it('names the clusters whose account aws.accounts lacks', () => {
    const config = new ConfigReader({
      aws: {
        accounts: [{ accountId: '111111111111', roleName: 'backstage' }],
      },
    });
    expect(awsAccountWarnings(config, clusters)).toEqual([
      expect.stringMatching(
        /^Cluster prod names AWS account 222222222222, which aws\.accounts does not list/,
      ),
    ]);
  });

  it('says nothing when accountDefaults gives a role for any account', () => {
    const config = new ConfigReader({
      aws: { accountDefaults: { roleName: 'backstage' } },
    });
    expect(awsAccountWarnings(config, clusters)).toEqual([]);
  });

  it('says nothing of clusters on the main account', () => {
    expect(awsAccountWarnings(new ConfigReader({}), [cluster('main')])).toEqual(
      [],
    );
  });
});
