// Route objects built once per process, not per request (docs/decisions/036 and 048).
//
// Remix matches a request's path five times or more per page (its server's routes, the static
// handler's, then React Router's and the lazy route discovery's on route arrays built for that
// request), and `@remix-run/router` 1.23 redoes all the work each time: flattening and ranking every
// branch of the ~100 routes, then trying them in order, compiling each tried pattern into a RegExp
// (docs/decisions/036). This module loads the router once, before anything else requires it, with
// its `matchRoutesImpl` going through three caches added to its source:
// - the flattened, ranked branches per route tree *shape* (each route's path, index flag, case
//   sensitivity and children): the trees built for each request have the build's shape, so they
//   are flattened once per process, not per call; a branch points at its route by position in the
//   tree, bound to the tree at hand when tried;
// - per shape, which branch matched a given path first (the ranking is fixed, so is the answer);
// - the compiled RegExp per (pattern, case sensitivity, end).
// The matches returned are built afresh by the router's own matchRouteBranch, as before. On the
// server nothing mutates a route tree once built (routes are only patched in the browser, whose
// bundle has its own, unpatched copy). Import this module first in any process that serves pages.
import Module, { createRequire } from "node:module";
import { readFileSync } from "node:fs";

const require = createRequire(import.meta.url);
const routerFile = require.resolve("@remix-run/router");
const PATCHED_VERSION = "1.23.3";

/** Each edit: the exact text of the router's source it replaces (it must occur once), and the new text. */
const edits: [from: string, to: string][] = [
  // The rest of matchRoutesImpl (its loop over the branches) is no longer reached.
  [
    "  let branches = flattenRoutes(routes);\n  rankRouteBranches(branches);\n  let matches = null;\n  let decoded = decodePath(pathname);\n",
    "  return matchThroughCaches(routes, decodePath(pathname), allowPartial);\n",
  ],
  ["function compilePath(path, caseSensitive, end) {\n", "function compilePathUncached(path, caseSensitive, end) {\n"],
];

// Appended to the router's module scope, where flattenRoutes, rankRouteBranches, matchRouteBranch
// and the renamed compilePathUncached are in reach. Every map is bounded: shapes come from route
// definitions, paths from visitors.
const additions = `
const LIMIT = 10000;
const remember = (map, key, value) => {
  if (map.size >= LIMIT) map.clear();
  map.set(key, value);
  return value;
};
const shapes = new Map();
const boundTrees = new WeakMap();
function describeTree(routes, list, parts) {
  for (let route of routes) {
    list.push(route);
    parts.push(route.path == null ? "\\u0001" : route.path, route.index ? "\\u0002i" : "\\u0002", route.caseSensitive === true ? "c(" : "(");
    if (route.children) describeTree(route.children, list, parts);
    parts.push(")");
  }
}
function boundTreeOf(routes) {
  let bound = boundTrees.get(routes);
  if (bound !== undefined) return bound;
  let list = [];
  let parts = [];
  describeTree(routes, list, parts);
  let key = parts.join("\\u0000");
  let shape = shapes.get(key);
  if (shape === undefined) {
    let at = new Map(list.map((route, i) => [route, i]));
    let branches = flattenRoutes(routes);
    rankRouteBranches(branches);
    shape = remember(shapes, key, {
      branches: branches.map(branch => ({
        path: branch.path,
        score: branch.score,
        routesMeta: branch.routesMeta.map(meta => ({ relativePath: meta.relativePath, caseSensitive: meta.caseSensitive, childrenIndex: meta.childrenIndex, at: at.get(meta.route) }))
      })),
      firstMatch: new Map()
    });
  }
  bound = { shape, list, branches: new Array(shape.branches.length) };
  boundTrees.set(routes, bound);
  return bound;
}
function tryBranch(bound, i, pathname, allowPartial) {
  let branch = bound.branches[i];
  if (branch === undefined) {
    let { path, score, routesMeta } = bound.shape.branches[i];
    branch = bound.branches[i] = { path, score, routesMeta: routesMeta.map(({ at, ...meta }) => ({ ...meta, route: bound.list[at] })) };
  }
  return matchRouteBranch(branch, pathname, allowPartial);
}
function matchThroughCaches(routes, decoded, allowPartial) {
  let bound = boundTreeOf(routes);
  let key = (allowPartial ? "1" : "0") + decoded;
  let first = bound.shape.firstMatch.get(key);
  if (first !== undefined) return first === -1 ? null : tryBranch(bound, first, decoded, allowPartial);
  for (let i = 0; i < bound.shape.branches.length; ++i) {
    let matches = tryBranch(bound, i, decoded, allowPartial);
    if (matches != null) {
      remember(bound.shape.firstMatch, key, i);
      return matches;
    }
  }
  remember(bound.shape.firstMatch, key, -1);
  return null;
}
const compiledPaths = new Map();
function compilePath(path, caseSensitive, end) {
  let key = (caseSensitive ? "1" : "0") + (end === undefined || end ? "1" : "0") + path;
  return compiledPaths.get(key) ?? remember(compiledPaths, key, compilePathUncached(path, caseSensitive, end));
}
`;

/** The router's source with the caches, or an error naming the edit that no longer applies. */
export function withMatchingCaches(source: string): string {
  let patched = source;
  for (const [from, to] of edits) {
    const at = patched.indexOf(from);
    if (at === -1 || patched.indexOf(from, at + 1) !== -1) {
      throw new Error(`@remix-run/router: the text to replace is not found exactly once: ${JSON.stringify(from.slice(0, 60))}`);
    }
    patched = patched.slice(0, at) + to + patched.slice(at + from.length);
  }
  return patched + additions;
}

type CompilingModule = { _compile(source: string, filename: string): void };
type Extensions = Record<string, (module: CompilingModule, filename: string) => void>;

function loadPatchedRouter() {
  if (require.cache[routerFile]) throw new Error("@remix-run/router was loaded before server/route-matching-cache: import it first");
  const version = (require("@remix-run/router/package.json") as { version: string }).version;
  if (version !== PATCHED_VERSION) {
    throw new Error(`@remix-run/router ${version}: server/route-matching-cache was written for ${PATCHED_VERSION}; check its edits still hold`);
  }
  const extensions = (Module as unknown as { _extensions: Extensions })._extensions;
  const loadJs = extensions[".js"];
  let patched = false;
  // Only while this one file loads: the loader is given back right after.
  extensions[".js"] = (module, filename) => {
    if (filename !== routerFile) return loadJs(module, filename);
    module._compile(withMatchingCaches(readFileSync(filename, "utf8")), filename);
    patched = true;
  };
  try {
    require(routerFile);
  } finally {
    extensions[".js"] = loadJs;
  }
  if (!patched) throw new Error("@remix-run/router was loaded without its matching caches");
}

const REMIX_REACT_VERSION = "2.17.5";

type CreateServerRoutes = (manifest: object, routeModules: object, future: object, isSpaMode: boolean, ...rest: unknown[]) => unknown[];

/**
 * RemixServer turns the build's manifest into React Router's route objects on every render
 * (`createServerRoutes`, one object per route of the build, ~6 % of a signed-in page's CPU). They
 * depend on the build alone, and nothing mutates them (React Router copies them into its own data
 * routes), so each process builds them once per manifest. RemixServer calls the function through
 * its module's exports, which are replaced here; its recursive calls (with a parent id) and the
 * SPA mode go to the original.
 */
function buildServerRoutesOncePerManifest() {
  const remixRoutes = require("@remix-run/react/dist/routes.js") as { createServerRoutes: CreateServerRoutes };
  const version = (require("@remix-run/react/package.json") as { version: string }).version;
  if (version !== REMIX_REACT_VERSION) {
    throw new Error(
      `@remix-run/react ${version}: server/route-matching-cache was written for ${REMIX_REACT_VERSION}; check RemixServer still calls routes.createServerRoutes`,
    );
  }
  const build = remixRoutes.createServerRoutes;
  const built = new WeakMap<object, unknown[]>();
  remixRoutes.createServerRoutes = (manifest, routeModules, future, isSpaMode, ...rest) => {
    if (rest.length > 0 || isSpaMode) return build(manifest, routeModules, future, isSpaMode, ...rest);
    let routes = built.get(manifest);
    if (routes === undefined) built.set(manifest, (routes = build(manifest, routeModules, future, isSpaMode)));
    return routes;
  };
}

type ConvertRoutes = (routes: object[], mapRouteProperties: unknown, parentPath?: string[], manifest?: Record<string, unknown>) => object[];

/**
 * React Router's static router converts the route objects into its data routes on every render
 * (`createStaticRouter` calls the router's exported `UNSAFE_convertRoutesToDataRoutes`, ~5 % of a
 * page): with the server routes now the same array for every request, the conversion is the same
 * too, and is done once per array. The caller's manifest (an out-parameter) is filled with the same
 * entries each time. Only the top-level call with a manifest is remembered; the router's own
 * recursive calls do not go through its exports.
 */
function convertDataRoutesOncePerTree() {
  const router = require(routerFile) as { UNSAFE_convertRoutesToDataRoutes: ConvertRoutes };
  const convert = router.UNSAFE_convertRoutesToDataRoutes;
  const converted = new WeakMap<object, { mapRouteProperties: unknown; dataRoutes: object[]; manifest: Record<string, unknown> }>();
  router.UNSAFE_convertRoutesToDataRoutes = (routes, mapRouteProperties, parentPath, manifest) => {
    if (parentPath !== undefined || manifest === undefined) return convert(routes, mapRouteProperties, parentPath, manifest);
    let done = converted.get(routes);
    if (done === undefined || done.mapRouteProperties !== mapRouteProperties) {
      const own: Record<string, unknown> = {};
      done = { mapRouteProperties, dataRoutes: convert(routes, mapRouteProperties, undefined, own), manifest: own };
      converted.set(routes, done);
    }
    Object.assign(manifest, done.manifest);
    return done.dataRoutes;
  };
}

loadPatchedRouter();
convertDataRoutesOncePerTree();
buildServerRoutesOncePerManifest();
