// ESLint: typescript-eslint's recommended rules on every TypeScript and JavaScript source. Formatting is
// Prettier's job (`npm run format:check`); this file only holds rules about meaning.
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "dist/**",
      ".do/**",
      "cdktf.out/**",
      "build/**",
      "charts/**",
      "node_modules/**",
      ".tools/**",
      "coverage/**",
      "**/build/**",
    ],
  },
  eslint.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: {
        require: "readonly",
        module: "writable",
        process: "readonly",
        console: "readonly",
        __dirname: "readonly",
        Buffer: "readonly",
        setTimeout: "readonly",
        clearTimeout: "readonly",
      },
    },
    rules: {
      // `_`-prefixed names are deliberately unused (destructuring away a key, a callback's fixed signature).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
    },
  },
  {
    // Tests and the stand-in provider read JSON plans and wire messages whose shapes belong to Terraform.
    files: ["__tests__/**", "tools/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Plain Node scripts (CommonJS).
    files: ["**/*.js", "**/*.cjs"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
