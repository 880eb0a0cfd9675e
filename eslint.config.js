// The rules that keep the layers apart (docs/architecture.md, "Layers") and a small TypeScript set.
// Formatting is prettier's business, not ESLint's.
import js from "@eslint/js";
import { defineConfig } from "eslint/config";
import tseslint from "typescript-eslint";

// Only route modules may import a .server module: the Remix compiler strips their loaders and
// actions from the browser bundle, not a component's imports. A type-only import is erased.
const serverModules = {
  regex: "\\.server$",
  allowTypeImports: true,
  message: "A .server module never reaches the browser: pass what the component needs from a route's loader.",
};

const noSql = "No SQL in routes: call a domain function (app/<domain>/), which owns its tables.";
const sqlModules = {
  paths: [{ name: "postgres", message: noSql }],
  patterns: [{ regex: "^~/infra/(db|postgres|transaction)\\.server$", message: noSql }],
};

// Number.prototype.toLocaleString with options builds an Intl.NumberFormat at each call: a page
// formatting thousands of figures spent a third of its time there. One formatter, built once.
const formatterPerCall = {
  selector: "CallExpression[callee.property.name=/^toLocale(Date|Time)?String$/][arguments.length>1]",
  message: "Build one Intl.NumberFormat / DateTimeFormat and reuse it: toLocaleString with options builds one per call.",
};

const routeModules = ["app/routes/*.{ts,tsx}", "app/routes/*/route.{ts,tsx}", "app/root.tsx"];
const serverFiles = ["**/*.server.{ts,tsx}"];

export default defineConfig(
  { ignores: ["build/", "public/build/", ".cache/", ".data/", "tests/bench/minimal-remix/"] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // An underscore says "unused on purpose" (a parameter a signature requires, a key left out).
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      eqeqeq: ["error", "always", { null: "ignore" }],
      // Refusing control characters (NUL in an address, in a file name, in a redirect) is done on purpose.
      "no-control-regex": "off",
    },
  },
  {
    files: ["app/**"],
    rules: { "no-restricted-syntax": ["error", formatterPerCall] },
  },
  {
    files: ["app/ui/**", "app/**/*.tsx"],
    ignores: ["app/routes/**", ...routeModules, ...serverFiles],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [serverModules] }] },
  },
  {
    files: ["app/routes/**", "app/root.tsx"],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", sqlModules],
      "no-restricted-syntax": [
        "error",
        { selector: "TaggedTemplateExpression[tag.name=/^(sql|tx|db)$/]", message: noSql },
        { selector: "TaggedTemplateExpression[tag.object.name=/^(sql|tx|db)$/]", message: noSql },
        formatterPerCall,
      ],
    },
  },
  {
    // The sections of a folder route are components like any other.
    files: ["app/routes/*/**"],
    ignores: [...routeModules, ...serverFiles],
    rules: {
      "@typescript-eslint/no-restricted-imports": ["error", { ...sqlModules, patterns: [...sqlModules.patterns, serverModules] }],
    },
  },
);
