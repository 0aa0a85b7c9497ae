// ESLint for the TypeScript of every package: the recommended JavaScript and typescript-eslint
// rules (syntax-only, so it stays fast on two cores; `tsc --noEmit` does the type checking) and
// the Rules of Hooks for the dApp's React code.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "artifacts/**",
      "cache/**",
      "coverage/**",
      ".coverage_artifacts/**",
      ".coverage_cache/**",
      "typechain-types/**",
      "deploy/deployments/**",
      "packages/sdk/src/generated/**",
      "packages/web/dist*/**",
      "packages/web/test-results/**",
      "**/*.js",
      "**/*.cjs",
      "**/*.mjs",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_` marks a value deliberately left unused (a destructured field, a callback argument).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    files: ["packages/web/src/**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs["recommended-latest"].rules,
  },
);
