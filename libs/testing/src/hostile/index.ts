export * from './seeded-random';
export * from './x12-hostile.generators';
export * from './injection-strings';
export * from './hub-invariants';
export * from './intake-invariant';
