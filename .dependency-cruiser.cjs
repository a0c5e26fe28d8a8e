/**
 * The layer rules, enforced in CI (`npm run lint:layers`, called by .ci/run):
 * - domain code (any `domain/` folder) imports no infrastructure: no Nest, TypeORM, pg, kafkajs, HTTP, and no
 *   `infrastructure/` folder;
 * - application code imports no TypeORM or pg;
 * - a connector imports no other connector, and of the order core only its public index (@orderhub/order-core);
 * - libraries and connectors never import an app; apps hold wiring only (no domain/ or application/ folders).
 * Specs and test helpers may reach further (they build whole apps), so they are left out.
 */
const TESTS = '(\\.spec\\.ts|\\.integration-spec\\.ts|\\.e2e-spec\\.ts)$|/testing/';
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-no-infrastructure',
      severity: 'error',
      from: { path: '^(libs|connectors)/.*/domain/', pathNot: TESTS },
      to: { path: ['^node_modules/(@nestjs|typeorm|pg|kafkajs|express|imapflow|nodemailer)/', '/infrastructure/'] },
    },
    {
      name: 'application-imports-no-orm',
      severity: 'error',
      from: { path: '^(libs|connectors)/.*/application/', pathNot: TESTS },
      to: { path: '^node_modules/(typeorm|pg|kafkajs)/' },
    },
    {
      name: 'connectors-do-not-import-each-other',
      severity: 'error',
      from: { path: '^connectors/([^/]+)/', pathNot: TESTS },
      to: { path: '^connectors/([^/]+)/', pathNot: '^connectors/$1/' },
    },
    {
      name: 'connectors-use-only-the-core-public-api',
      severity: 'error',
      from: { path: '^connectors/', pathNot: TESTS },
      to: { path: '^libs/order-core/src/', pathNot: '^libs/order-core/src/index\\.ts$' },
    },
    {
      name: 'nothing-imports-an-app',
      severity: 'error',
      from: { path: '^(libs|connectors)/', pathNot: TESTS },
      to: { path: '^apps/' },
    },
    {
      name: 'apps-hold-no-logic',
      severity: 'error',
      from: { path: '^apps/.*/(domain|application)/' },
      to: {},
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|dist|artifacts|\\.tmp)/' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default'] },
  },
};
