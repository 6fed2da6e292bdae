// Tests here start backends, TLS PostgreSQL logins and the emulators; on a
// shared 2-core machine a test can take seconds. Jest ignores `testTimeout`
// of a project's config when the whole repo runs its projects together, so
// it is set here, where every run of this package picks it up.
jest.setTimeout(30_000);
