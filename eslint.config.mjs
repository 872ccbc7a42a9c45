// @ts-check
import eslint from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["node_modules/**", "policies/bin/**", "scanner/bin/**", "coverage/**", ".bench/**", "reports/**"] },
    eslint.configs.recommended,
    ...tseslint.configs.recommended,
    {
        languageOptions: { parserOptions: { ecmaVersion: 2022, sourceType: "module" } },
        rules: {
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
            "no-console": ["error", { allow: ["error", "warn"] }],
        },
    },
    {
        files: ["scripts/**", "test/**", "stacks/**", "bench/**"],
        rules: { "no-console": "off" },
    },
    {
        files: ["**/*.mjs", "**/*.cjs", "**/*.js"],
        languageOptions: { globals: { process: "readonly", console: "readonly", __dirname: "readonly", require: "readonly", module: "writable" } },
    },
);
