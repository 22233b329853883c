// Cockpit's style: "standard" with 4-space indentation, semicolons and double quotes.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
    { ignores: ["dist/", "build/", "node_modules/", "test/artifacts/"] },
    js.configs.recommended,
    ...tseslint.configs.recommended,
    {
        languageOptions: {
            ecmaVersion: 2022,
            sourceType: "module",
            globals: {
                window: "readonly", document: "readonly", localStorage: "readonly", console: "readonly",
                process: "readonly", setTimeout: "readonly", clearTimeout: "readonly", URL: "readonly",
                Event: "readonly", CustomEvent: "readonly", HTMLElement: "readonly",
            },
        },
        rules: {
            indent: ["error", 4, { ignoredNodes: ["JSXElement *", "JSXElement", "CallExpression > *", "ConditionalExpression"] }],
            semi: ["error", "always"],
            quotes: ["error", "double", { avoidEscape: true }],
            "no-var": "error",
            "prefer-const": "error",
            eqeqeq: ["error", "always", { null: "ignore" }],
            "no-trailing-spaces": "error",
            "eol-last": "error",
            "comma-dangle": ["error", "always-multiline"],
            "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
        },
    },
    {
        files: ["src/core/**", "src/host/**"],
        rules: { "@typescript-eslint/no-explicit-any": "error" },
    },
    {
        files: ["**/*.js", "**/*.mjs"],
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
);
