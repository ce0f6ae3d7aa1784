/**
 * ESLint: correctness (typescript-eslint, react, react-hooks, jsx-a11y), import order, and the layers.
 *
 * The layers (STYLE.md §16, ADR 0012): imports run one way —
 *   routes → components / api / excel / jobs → models (queries, commands) → auth policy, domain → db
 * `no-restricted-paths` refuses an import that runs back up. Zero warnings is the bar (`npm run lint`).
 */
import js from "@eslint/js";
import { createTypeScriptImportResolver } from "eslint-import-resolver-typescript";
import importX from "eslint-plugin-import-x";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Modules of app/auth that sit at the adapter level (they read the request, the session or the database);
// the policy and the password/secret hashing below them are what models may use.
const authAdapters = [
  "./app/auth/request.server.ts",
  "./app/auth/session.server.ts",
  "./app/auth/sign-in.server.ts",
  "./app/auth/password-check.server.ts",
  "./app/auth/cookies.server.ts",
  "./app/auth/request-scope.server.ts",
];
const aboveModels = [
  "./app/routes",
  "./app/components",
  "./app/api",
  "./app/excel",
  "./app/jobs",
  "./app/root.tsx",
  "./app/entry.server.tsx",
];

const layerZones = [
  {
    target: "./app/domain",
    from: [
      "./app/models",
      "./app/auth",
      "./app/db.server.ts",
      "./app/clock.server.ts",
      "./app/env.server.ts",
      "./app/mail",
      "./db",
      ...aboveModels,
    ],
    message: "app/domain is pure: it takes its inputs (today included) as parameters and imports no I/O.",
  },
  {
    target: "./app/auth/policy.ts",
    from: ["./app/models", "./app/db.server.ts", "./app/clock.server.ts", ...authAdapters, ...aboveModels],
    message: "The policy is data and pure functions.",
  },
  {
    target: ["./app/models", "./app/mail"],
    from: [...authAdapters, ...aboveModels],
    message: "Models (queries and commands) sit below routes, components, the API and the auth adapters.",
  },
  {
    target: ["./app/components", "./app/api", "./app/excel", "./app/jobs", "./app/auth"],
    from: ["./app/routes"],
    message: "Nothing imports a route module.",
  },
  {
    target: "./app/components",
    from: ["./app/db.server.ts", "./app/api", "./app/jobs", ...authAdapters],
    message: "Components render what a loader gives them; they read no database and no request.",
  },
  {
    target: "./db/migrations",
    from: ["./app"],
    message: "Migrations import no app code, so they stay true forever.",
  },
];

export default tseslint.config(
  {
    ignores: [
      "build/**",
      "public/build/**",
      ".cache/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "screenshots/**",
      "tests/.tmp/**",
      "data/**",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: { ...globals.node, ...globals.browser },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createTypeScriptImportResolver({ project: "./tsconfig.json" })],
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "import-x/no-duplicates": ["error", { "prefer-inline": true }],
      "import-x/first": "error",
      "import-x/order": [
        "error",
        {
          groups: ["builtin", "external", "internal", ["parent", "sibling", "index"]],
          pathGroups: [
            { pattern: "#db/**", group: "internal" },
            { pattern: "~/**", group: "internal" },
          ],
          pathGroupsExcludedImportTypes: ["builtin"],
          "newlines-between": "never",
          alphabetize: { order: "asc", caseInsensitive: true },
        },
      ],
      "import-x/no-restricted-paths": ["error", { zones: layerZones }],
      // Control characters are exactly what the text-cleaning patterns look for.
      "no-control-regex": "off",
    },
  },
  {
    files: ["app/**/*.tsx", "tests/**/*.tsx"],
    plugins: { react, "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      "react/prop-types": "off",
      "react/no-unescaped-entities": "off",
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "error",
      ...jsxA11y.flatConfigs.recommended.rules,
      // A scrollable table region must take focus so keyboard users can scroll it (axe: scrollable-region-focusable).
      "jsx-a11y/no-noninteractive-tabindex": ["error", { tags: [], roles: ["tabpanel", "region"], allowExpressionValues: true }],
    },
  },
  {
    // Migrations are written against Kysely<any> on purpose (they must not import the app's schema);
    // the backup scripts call the drivers' untyped APIs.
    files: ["db/**", "scripts/lib/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
  {
    // Tests may build fixtures freely.
    files: ["**/*.test.ts", "**/*.test.tsx", "tests/**"],
    rules: { "@typescript-eslint/no-non-null-assertion": "off" },
  },
);
