export * from './ops.module';
export * from './ops.controller';
export * from './bootstrap';
export * from './raw-body.middleware';
export * from './security-headers';
export * from './nul-character.pipe';
export * from './inbound-documents.counter';
export * from './scrape.metrics';
