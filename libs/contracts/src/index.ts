export * from './decimal';
export * from './purchase-order';
export * from './envelope';
export * from './events';
export * from './topics';
export * from './errors';
export * from './nul-characters';
export * from './units';
