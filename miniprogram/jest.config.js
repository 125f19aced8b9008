/**
 * Three projects: the protocol client in plain Node, the page in miniprogram-simulate's DOM,
 * and the page against the real reference server.
 */
module.exports = {
  testTimeout: 15000,
  projects: [
    {
      displayName: 'unit',
      testEnvironment: 'node',
      testMatch: ['<rootDir>/test/unit/**/*.test.js'],
    },
    {
      displayName: 'page',
      testEnvironment: 'jsdom',
      testMatch: ['<rootDir>/test/page/**/*.test.js', '<rootDir>/test/compile/**/*.test.js'],
    },
    {
      displayName: 'e2e',
      testEnvironment: 'jsdom',
      // jsdom would otherwise resolve `ws` to its browser stub, which refuses to run.
      testEnvironmentOptions: { customExportConditions: ['node', 'require'] },
      testMatch: ['<rootDir>/test/e2e/**/*.test.js'],
    },
  ],
}
