export * from './checks';
export * from './connection';
export * from './grants';
export * from './restore';
export * from './status';
export * from './inventory';
export * from './lifecycle';
export * from './monitoring';
