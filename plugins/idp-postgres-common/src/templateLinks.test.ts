import {
  protectTemplatePath,
  readdTemplatePath,
  upgradeTemplatePath,
} from './templateLinks';

/** What the scaffolder reads from a template link: the template and its form. */
function opened(path: string) {
  const url = new URL(path, 'https://backstage.example');
  return {
    template: url.pathname,
    formData: JSON.parse(url.searchParams.get('formData')!),
  };
}

const ref = { namespace: 'demo-prod', name: 'billing' };

describe('template links', () => {
  it('re-adds a definition with protection, the owner and description it had', () => {
    expect(
      opened(
        readdTemplatePath(ref, {
          owner: 'group:default/team-shop',
          description: 'Invoices & credit notes',
        }),
      ),
    ).toEqual({
      template: '/create/templates/default/create-postgres-database',
      formData: {
        database: ref,
        deletionProtection: true,
        owner: 'group:default/team-shop',
        description: 'Invoices & credit notes',
      },
    });
    expect(opened(readdTemplatePath(ref)).formData).toEqual({
      database: ref,
      deletionProtection: true,
    });
  });

  it('encodes the form so the link survives any character', () => {
    const path = readdTemplatePath(ref, { description: 'a&b=c?d#e' });
    expect(path).not.toMatch(/[&#]/);
  });

  it('turns protection on, and upgrades to the manual’s chart', () => {
    expect(opened(protectTemplatePath(ref))).toEqual({
      template: '/create/templates/default/protect-postgres-database',
      formData: { database: ref, protect: true },
    });
    expect(opened(upgradeTemplatePath(ref))).toEqual({
      template: '/create/templates/default/upgrade-postgres-database',
      formData: { database: ref, chartVersion: '0.5.0' },
    });
  });
});
