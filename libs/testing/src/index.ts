export * from './corpus';
export * from './postgres';
export * from './kafka';
export * from './test-database';
export * from './shopify';
export * from './child-process';
export * from './hub-app';
