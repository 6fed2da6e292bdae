// Every test here starts real servers (PostgreSQL clients over TLS, the
// emulators with freshly generated certificates, git). On the shared 2-core
// machines a loaded whole-repo run made one such test pass Jest's 5 s default
// while it would have passed; waiting longer changes no assertion.
jest.setTimeout(30_000);
