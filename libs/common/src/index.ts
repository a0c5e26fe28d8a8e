export * from './config';
export * from './hub-config';
export * from './logger';
export * from './metrics';
export * from './http-error.filter';
export * from './config.module';
export * from './startup-report';
export * from './openapi';
