export * from './corpus';
export * from './postgres';
