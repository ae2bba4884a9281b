/**
 * Test layers: unit (pure domain), integration (functions and the local cloud through the real wx-server-sdk),
 * weapp (compiled dist/weapp pages in miniprogram-simulate). The browser e2e and WeChat's compiler checks run
 * outside jest (see scripts/test.mjs).
 */
// The aliases of config/index.ts, so modules shared with the pages resolve the same way under jest.
const moduleNameMapper = {
  '^@shop/types$': '<rootDir>/types/index.ts',
  '^@shop/domain/(.*)$': '<rootDir>/cloudfunctions/common/domain/$1',
};

const transform = {
  '^.+\\.(t|j)sx?$': [
    '@swc/jest',
    { jsc: { parser: { syntax: 'typescript', tsx: true }, target: 'es2021' } },
  ],
};

module.exports = {
  testTimeout: 60000,
  // `--coverage` (npm test, npm run coverage): what runs in jest's own processes; the functions' instances on
  // the local cloud write theirs apart, and scripts/coverage.ts merges the two. 'babel' instruments only the
  // files below; 'v8' put every script of the process under V8's precise coverage, the local cloud the
  // integration tests host included, which made those tests far slower (docs/testing.md, Coverage).
  coverageProvider: 'babel',
  collectCoverageFrom: ['<rootDir>/cloudfunctions/**/*.ts', '!**/__tests__/**'],
  coverageDirectory: '<rootDir>/coverage/jest',
  coverageReporters: ['json'],
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: [
        '<rootDir>/test/unit/**/*.spec.ts',
        '<rootDir>/cloudfunctions/**/__tests__/*.spec.ts',
        '<rootDir>/src/**/__tests__/*.spec.ts',
      ],
    },
    {
      displayName: 'integration',
      testEnvironment: 'node',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/integration/**/*.spec.ts', '<rootDir>/emulator/**/__tests__/*.spec.ts'],
    },
    {
      displayName: 'weapp',
      testEnvironment: 'jsdom',
      transform,
      moduleNameMapper,
      testMatch: ['<rootDir>/test/weapp/**/*.spec.ts'],
    },
  ],
};
