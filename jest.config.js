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
const common = {
  rootDir: __dirname,
  transform: { '^.+\\.ts$': swc },
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
