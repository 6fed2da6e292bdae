/*
 * The platform inventory: one row per database, and one row of refresh
 * state. Bodies are JSON text, so the same migration serves SQLite (dev and
 * tests) and PostgreSQL (replicas).
 */

/** @param {import('knex').Knex} knex */
exports.up = async function up(knex) {
  await knex.schema.createTable('inventory_databases', table => {
    table.comment(
      'Every database the platform knows, as the last refresh saw it',
    );
    table.string('namespace', 63).notNullable();
    table.string('name', 63).notNullable();
    table.text('body').notNullable().comment('InventoryDatabase as JSON');
    table.primary(['namespace', 'name']);
  });
  await knex.schema.createTable('inventory_state', table => {
    table.comment('When the inventory was refreshed, and what went wrong');
    table.integer('id').primary();
    table
      .text('body')
      .notNullable()
      .comment('Inventory without databases, as JSON');
  });
};

/** @param {import('knex').Knex} knex */
exports.down = async function down(knex) {
  await knex.schema.dropTable('inventory_state');
  await knex.schema.dropTable('inventory_databases');
};
