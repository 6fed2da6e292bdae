import { Client, escapeIdentifier, escapeLiteral } from 'pg';
import {
  PostgresConnectionInfo,
  superuserClientConfig,
} from '../postgres/PostgresConnectionInfo';

/**
 * The superuser operations the platform's controller performs, each on its
 * own short connection. Identifiers and the password literal are quoted by
 * `pg`'s escape functions; CREATE ROLE cannot take bind parameters.
 */
export class PostgresAdmin {
  constructor(private readonly info: PostgresConnectionInfo) {}

  async #with<T>(database: string, fn: (c: Client) => Promise<T>): Promise<T> {
    const client = new Client(superuserClientConfig(this.info, database));
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  async roleExists(role: string): Promise<boolean> {
    return this.#with('postgres', async c => {
      const { rowCount } = await c.query(
        'SELECT 1 FROM pg_roles WHERE rolname = $1',
        [role],
      );
      return rowCount === 1;
    });
  }

  async databaseExists(database: string): Promise<boolean> {
    return this.#with('postgres', async c => {
      const { rowCount } = await c.query(
        'SELECT 1 FROM pg_database WHERE datname = $1',
        [database],
      );
      return rowCount === 1;
    });
  }

  async createRole(role: string, password: string): Promise<void> {
    await this.#with('postgres', c =>
      c.query(
        `CREATE ROLE ${escapeIdentifier(role)} LOGIN PASSWORD ${escapeLiteral(
          password,
        )}`,
      ),
    );
  }

  /** Sets a role's password (used by the seed to make a secret go stale). */
  async setPassword(role: string, password: string): Promise<void> {
    await this.#with('postgres', c =>
      c.query(
        `ALTER ROLE ${escapeIdentifier(role)} PASSWORD ${escapeLiteral(
          password,
        )}`,
      ),
    );
  }

  /**
   * Creates the database owned by the admin role, and gives the admin the
   * `public` schema. PUBLIC loses its default rights on the schema, so the
   * read and write roles have nothing until someone grants (the manual's
   * "Grant privileges" section); CONNECT stays so every role can log in.
   */
  async createDatabase(database: string, owner: string): Promise<void> {
    await this.#with('postgres', c =>
      c.query(
        `CREATE DATABASE ${escapeIdentifier(database)} OWNER ${escapeIdentifier(
          owner,
        )}`,
      ),
    );
    await this.#with(database, async c => {
      await c.query(`ALTER SCHEMA public OWNER TO ${escapeIdentifier(owner)}`);
      await c.query('REVOKE ALL ON SCHEMA public FROM PUBLIC');
    });
  }

  async dropDatabase(database: string): Promise<void> {
    await this.#with('postgres', c =>
      c.query(
        `DROP DATABASE IF EXISTS ${escapeIdentifier(database)} WITH (FORCE)`,
      ),
    );
  }

  async dropRole(role: string): Promise<void> {
    await this.#with('postgres', c =>
      c.query(`DROP ROLE IF EXISTS ${escapeIdentifier(role)}`),
    );
  }
}
