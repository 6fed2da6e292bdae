/**
 * The templates of templates/ that messages point people to, by title (what
 * they see in Backstage) and name (what they search for). A test checks that
 * each names a template that exists with that title.
 */
export const TEMPLATES = {
  create: {
    name: 'create-postgres-database',
    title: 'Create PostgreSQL database',
  },
  upgrade: {
    name: 'upgrade-postgres-database',
    title: 'Upgrade PostgreSQL chart',
  },
  protect: {
    name: 'protect-postgres-database',
    title: 'Change PostgreSQL deletion protection',
  },
} as const;

/** How a message names a template: `the "Title" template (name)`. */
export function templateReference(template: keyof typeof TEMPLATES): string {
  const { name, title } = TEMPLATES[template];
  return `the "${title}" template (${name})`;
}
