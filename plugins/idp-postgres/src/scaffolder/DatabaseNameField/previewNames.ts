import {
  DATABASE_ROLES,
  DatabaseRef,
  DatabaseRole,
  MAX_IDENTIFIER_BYTES,
  databaseName,
  roleName,
} from '@jppol-idp/backstage-plugin-idp-postgres-common';

/** The names a reference derives, also when it is too long to be allowed. */
export interface NamesPreview {
  database: string;
  /** Role names, which are also the Kubernetes secret names. */
  roles: Record<DatabaseRole, string>;
  /** Bytes left of PostgreSQL's 63 in the longest role name; negative when over. */
  bytesLeft: number;
}

const encoder = new TextEncoder();

/**
 * What the platform will call things, for the form to show while the user
 * types. Common's `deriveDatabaseNames` throws for a name over the limit,
 * which is exactly when the user most needs to see how far over it is, so
 * the preview is built from the same name functions without its assertion.
 */
export function previewNames(ref: DatabaseRef): NamesPreview {
  const roles = Object.fromEntries(
    DATABASE_ROLES.map(role => [role, roleName(ref, role)]),
  ) as Record<DatabaseRole, string>;
  // Bytes, not characters: PostgreSQL's limit is in bytes.
  const longest = Math.max(
    ...DATABASE_ROLES.map(role => encoder.encode(roles[role]).length),
  );
  return {
    database: databaseName(ref),
    roles,
    bytesLeft: MAX_IDENTIFIER_BYTES - longest,
  };
}
