import { catalogFileWithoutEntity, readCatalogEntry } from './catalogFile';

const doc = (name: string, extra = '') =>
  `${extra}apiVersion: backstage.io/v1alpha1\nkind: Resource\nmetadata:\n  name: ${name} # keep\nspec:\n  owner: group:default/team-a\n`;

describe('catalogFileWithoutEntity', () => {
  const file = [
    doc('ns.a', '# first\n'),
    doc('ns.b', '# second\n'),
    doc('ns.c'),
  ].join('---\n');

  it.each([
    ['ns.a', [doc('ns.b', '# second\n'), doc('ns.c')].join('---\n')],
    ['ns.b', [doc('ns.a', '# first\n'), doc('ns.c')].join('---\n')],
    [
      'ns.c',
      [doc('ns.a', '# first\n'), doc('ns.b', '# second\n')].join('---\n'),
    ],
  ])(
    'cuts out %s and keeps the other documents byte for byte',
    (name, rest) => {
      expect(catalogFileWithoutEntity(file, 'catalog-info.yaml', name)).toEqual(
        { text: rest, removed: true, remaining: 2 },
      );
    },
  );

  it('leaves a file without the Resource as it is', () => {
    expect(catalogFileWithoutEntity(file, 'catalog-info.yaml', 'ns.x')).toEqual(
      { text: file, removed: false, remaining: 3 },
    );
  });

  it('leaves nothing of a file that held only the Resource', () => {
    expect(
      catalogFileWithoutEntity(doc('ns.a'), 'catalog-info.yaml', 'ns.a'),
    ).toEqual({ text: '', removed: true, remaining: 0 });
  });
});

describe('readCatalogEntry', () => {
  it('reads the owner and description of the Resource', () => {
    const text = `${doc(
      'ns.a',
    )}---\nkind: Resource\nmetadata:\n  name: ns.b\n  description: Orders\nspec:\n  owner: group:default/shop\n`;
    expect(readCatalogEntry(text, 'c.yaml', 'ns.b')).toEqual({
      owner: 'group:default/shop',
      description: 'Orders',
    });
    expect(readCatalogEntry(text, 'c.yaml', 'ns.x')).toBeUndefined();
    expect(readCatalogEntry(undefined, 'c.yaml', 'ns.b')).toBeUndefined();
  });
});
