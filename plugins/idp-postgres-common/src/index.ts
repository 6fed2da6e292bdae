/**
 * Shared rules of the IDP PostgreSQL plugins: the names the platform derives
 * for a database, the chart's value dialects, the entity annotation and the
 * permissions.
 *
 * @packageDocumentation
 */

export * from './names';
export * from './chart';
export * from './chartValues';
export * from './production';
export * from './platformConfig';
export * from './catalog';
export * from './templateLinks';
export * from './resource';
export * from './permissions';
export * from './text';
export * from './api';
export * from './knownErrors';
