// solidity-coverage: test-only harnesses are not product code.
module.exports = {
  skipFiles: ["mocks/"],
  istanbulReporter: ["text", "json-summary", "lcov"],
  mocha: { timeout: 600000 },
};
