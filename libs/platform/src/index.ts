export * from './ops.module';
export * from './ops.controller';
export * from './bootstrap';
