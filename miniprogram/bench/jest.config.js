// `npm run bench`: the append benchmark runs in the same simulated runtime as the page tests.
module.exports = {
  rootDir: '..',
  testEnvironment: 'jsdom',
  testMatch: ['<rootDir>/bench/**/*.bench.js'],
  testTimeout: 600000,
}
