// Two tiers: unit specs need nothing running; integration specs talk to real PostgreSQL, Kafka, Dovecot, Chromium.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: false },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];
const moduleNameMapper = {
  '^@orderhub/(contracts|common|persistence|messaging|x12|pricing|order-core|testing|console|platform|auth)$': '<rootDir>/libs/$1/src',
  '^@orderhub/(edi-x12|email|shopify|phone)$': '<rootDir>/connectors/$1/src',
};
// Nest 12 and a few dependencies ship only as ES modules. Node 20.19+ can require() them, Jest's module
// runtime cannot (before Node 24.9), so swc turns them into CommonJS for the tests.
const ESM_PACKAGES = ['@nestjs', 'file-type', 'strtok3', 'token-types', 'uint8array-extras', '@tokenizer', 'ansis', 'deepmerge-ts'];
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc, '^.+\\.m?js$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper,
  testEnvironment: 'node',
  roots: ['<rootDir>/apps', '<rootDir>/libs', '<rootDir>/connectors'],
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['**/*.integration-spec.ts', '**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/global-setup.js',
    },
  ],
};
