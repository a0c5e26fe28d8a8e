export * from './master-data';
