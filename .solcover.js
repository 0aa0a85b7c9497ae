// solidity-coverage: test-only harnesses are not product code.
module.exports = {
  skipFiles: ["mocks/"],
  istanbulReporter: ["text", "json-summary", "lcov"],
  // The SDK's own tests of files, links and employer checks reach no contract line or branch the
  // contract tests leave (its reads and trust signals do, and stay): they run in
  // `pnpm test:contracts`, not again under instrumentation.
  mocha: {
    timeout: 600000,
    grep: "^(SDK: |Open Badges 3\\.0 export|sharing a credential|Safe Transaction Builder files)",
    invert: true,
  },
};
