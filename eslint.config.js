// Cockpit's style: "standard" with 4-space indentation, semicolons and double quotes.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import jsxA11y from "eslint-plugin-jsx-a11y";

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
    // The layers (docs/ARCHITECTURE.md): core imports nothing of ours; app reaches the host only
    // through host/api.ts types; views call app and never import host, nor cockpit but for
    // translation and formatting.
    {
        files: ["src/core/**"],
        rules: {
            "@typescript-eslint/no-restricted-imports": ["error", {
                patterns: [{ group: ["../*", "!../core", "!../core/*"], message: "core/ is pure: it imports nothing but core/." }],
            }],
        },
    },
    {
        files: ["src/app/**"],
        rules: {
            "@typescript-eslint/no-restricted-imports": ["error", {
                patterns: [
                    { group: ["../host", "../host/*", "!../host/api"], message: "app/ reaches the host through the types of host/api.ts only." },
                    { group: ["../host/api"], allowTypeImports: true, message: "app/ imports only types from host/api.ts." },
                    { group: ["../ui", "../ui/*", "preact", "preact/*"], message: "app/ is plain TypeScript: no views, no Preact." },
                ],
            }],
        },
    },
    {
        files: ["src/ui/**"],
        rules: {
            "@typescript-eslint/no-restricted-imports": ["error", {
                patterns: [{ group: ["../host", "../host/*"], message: "Views call app/, never host/." }],
                paths: [{
                    name: "../cockpit",
                    allowImportNames: ["_", "N_", "C_", "format", "ngettext", "formatBytes", "formatDate", "formatNumber"],
                    allowTypeImports: true,
                    message: "Views use cockpit for translation and formatting only; the rest goes through app/.",
                }],
            }],
        },
    },
    // The views: hooks (preact/hooks follows React's rules of hooks) and accessibility.
    {
        files: ["src/ui/**"],
        ...reactHooks.configs.flat.recommended,
        rules: {
            ...reactHooks.configs.flat.recommended.rules,
            "react-hooks/rules-of-hooks": "error",
            "react-hooks/exhaustive-deps": ["error", { additionalHooks: "^(usePromise|useSubscription|useWatched)$" }],
        },
    },
    {
        files: ["src/ui/**"],
        ...jsxA11y.flatConfigs.recommended,
        rules: {
            ...jsxA11y.flatConfigs.recommended.rules,
            // a <pre> of command output scrolls: focusable, so that the keyboard can scroll it
            "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: ["pre"], roles: ["tabpanel"], allowExpressionValues: true }],
        },
    },
    {
        files: ["**/*.js", "**/*.mjs"],
        rules: { "@typescript-eslint/no-require-imports": "off" },
    },
);
