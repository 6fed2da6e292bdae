/*
 * Watches: requests to notify a database's owner (and whoever asked) when
 * the database becomes ready or removed, or fails. The body is JSON text,
 * like the inventory's, so the same migration serves SQLite and PostgreSQL.
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('lifecycle_watches', table => {
    table.comment(
      'Open watches, checked after every inventory refresh and deleted once notified',
    );
    table.string('id', 36).primary();
    table.string('namespace', 63).notNullable();
    table.string('name', 63).notNullable();
    table
      .string('expires_at', 30)
      .notNullable()
      .comment('ISO 8601 UTC, so text order is time order');
    table
      .string('owner', 255)
      .nullable()
      .comment(
        "The database's owner when the watch was made: a removed database may be gone from the inventory when its notification is sent",
      );
    table.text('body').notNullable().comment('DatabaseWatch as JSON');
    table.index(['namespace', 'name']);
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('lifecycle_watches');
};
