import { DEFAULT_DATABASE_FIELD } from './schema';

/** The database the form names, as far as it has been filled in. */
export interface DatabaseInForm {
  namespace?: string;
  name?: string;
}

type FormValues = Record<string, unknown>;

/**
 * Finds the database in the whole form: the IdpPostgresDatabaseName value
 * at `databaseField`, else top-level `namespace` and `name` properties, as
 * templates written before that field have them.
 */
export function databaseInForm(
  formData: FormValues | undefined,
  databaseField: string = DEFAULT_DATABASE_FIELD,
): DatabaseInForm {
  const database = formData?.[databaseField];
  const source = isObject(database) ? database : formData ?? {};
  return {
    namespace: nonEmptyString(source.namespace),
    name: nonEmptyString(source.name),
  };
}

function isObject(value: unknown): value is FormValues {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
