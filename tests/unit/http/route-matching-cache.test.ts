// The router loaded with its matching caches (server/route-matching-cache.ts) must match exactly as
// the router as published: same routes, params and pathnames, for the portal's own route tree,
// whether the tree is built once or anew for each call (as Remix does per request), and whatever
// other tree was matched before.
import "../../../server/route-matching-cache";
import { readFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import path from "node:path";
import { fc, test } from "@fast-check/vitest";
import { describe, expect } from "vitest";

type Route = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: Route[] };
type Match = { params: Record<string, string | undefined>; pathname: string; pathnameBase: string; route: Route };
type Router = { matchRoutes: (routes: Route[], location: string, basename?: string) => Match[] | null };

const require = createRequire(import.meta.url);
const root = path.resolve(import.meta.dirname, "../../..");
const routerFile = require.resolve("@remix-run/router");

const patched = require("@remix-run/router") as Router;

/** The router's published source, loaded as its own module next to the patched one. */
function loadPublished(): Router {
  const module = new Module(routerFile) as Module & { _compile(source: string, filename: string): void; paths: string[] };
  module.paths = (Module as unknown as { _nodeModulePaths(dir: string): string[] })._nodeModulePaths(path.dirname(routerFile));
  module._compile(readFileSync(routerFile, "utf8"), routerFile);
  return module.exports as Router;
}
const published = loadPublished();

/** The portal's routes as Remix builds them from app/routes, nested under root; a fresh tree at each call. */
const { flatRoutes } = require("@remix-run/dev/dist/config/flat-routes.js") as {
  flatRoutes: (
    appDir: string,
    ignored: string[],
  ) => Record<string, { id: string; parentId?: string; path?: string; index?: boolean; caseSensitive?: boolean }>;
};
const manifest = Object.values(flatRoutes(path.join(root, "app"), ["**/.*", "**/*.test.*"]));
const byParent = new Map<string, typeof manifest>();
for (const route of manifest) byParent.set(route.parentId ?? "root", [...(byParent.get(route.parentId ?? "root") ?? []), route]);
function portalTree(): Route[] {
  const childrenOf = (parentId: string): Route[] =>
    (byParent.get(parentId) ?? []).map((route) => ({
      id: route.id,
      path: route.path,
      index: route.index,
      caseSensitive: route.caseSensitive,
      children: childrenOf(route.id),
    }));
  return [{ id: "root", path: "", children: childrenOf("root") }];
}

/** Another shape: the same routes with every other one left out, so that the two trees' answers differ. */
function sparserTree(): Route[] {
  const prune = (routes: Route[]): Route[] =>
    routes.filter((_, i) => i % 2 === 0).map((route) => ({ ...route, children: prune(route.children ?? []) }));
  return [{ id: "root", path: "", children: prune(portalTree()[0].children!) }];
}

const describeMatches = (matches: Match[] | null) =>
  matches?.map(({ params, pathname, pathnameBase, route }) => ({ id: route.id, params: { ...params }, pathname, pathnameBase })) ?? null;

// Path segments the routes know, values for their params, and strangers.
const known = [...new Set(manifest.flatMap((route) => (route.path ?? "").split("/")).filter((s) => s && !s.startsWith(":") && s !== "*"))];
const segment = fc.oneof(
  fc.constantFrom(...known),
  fc.constantFrom(...known).map((s) => s.toUpperCase()),
  fc.nat().map(String),
  fc.constantFrom("99999999999999999999", "%00", "%2F", "a%20b", "__proto__", "constructor", "", "é"),
  fc.string({ minLength: 1, maxLength: 6 }).map(encodeURIComponent),
);
const pathname = fc.tuple(fc.array(segment, { maxLength: 6 }), fc.boolean()).map(([segments, slash]) => `/${segments.join("/")}${slash ? "/" : ""}`);

describe("route matching with caches", () => {
  test("every route of the portal is found at its own address", () => {
    for (const route of manifest) {
      const address = `/${(route.path ?? "").replace(/:[\w-]+\??/g, "12").replace(/\*$/, "a/b")}`;
      expect(describeMatches(patched.matchRoutes(portalTree(), address))).toEqual(describeMatches(published.matchRoutes(portalTree(), address)));
    }
    expect(describeMatches(patched.matchRoutes(portalTree(), "/candidat"))?.map((m) => m.id)).toEqual(["root", "routes/candidat._index"]);
  });

  const stable = portalTree();
  test.prop([pathname], { numRuns: 400 })(
    "answers as the published router, on a tree built once or per call, after another tree's",
    (address) => {
      const expected = describeMatches(published.matchRoutes(portalTree(), address));
      expect(describeMatches(patched.matchRoutes(portalTree(), address))).toEqual(expected);
      expect(describeMatches(patched.matchRoutes(stable, address))).toEqual(expected);
      // Twice: the second answer comes from the remembered first match.
      expect(describeMatches(patched.matchRoutes(stable, address))).toEqual(expected);
      expect(describeMatches(patched.matchRoutes(sparserTree(), address))).toEqual(describeMatches(published.matchRoutes(sparserTree(), address)));
      expect(describeMatches(patched.matchRoutes(portalTree(), `/base${address}`, "/base"))).toEqual(
        describeMatches(published.matchRoutes(portalTree(), `/base${address}`, "/base")),
      );
    },
    120_000,
  );

  test("the matches are the given tree's own route objects, new at each call", () => {
    const first = portalTree();
    const second = portalTree();
    const a = patched.matchRoutes(first, "/candidat")!;
    const b = patched.matchRoutes(second, "/candidat")!;
    expect(a[0].route).toBe(first[0]);
    expect(b[0].route).toBe(second[0]);
    expect(a).not.toBe(patched.matchRoutes(first, "/candidat"));
  });
});

describe("RemixServer's route objects", () => {
  type ServerRoute = { id: string; path?: string; index?: boolean; children?: ServerRoute[] };
  const { createServerRoutes } = require("@remix-run/react/dist/routes.js") as {
    createServerRoutes: (manifest: object, routeModules: object, future: object, isSpaMode: boolean) => ServerRoute[];
  };
  const entry = (id: string, parentId: string | undefined, path: string | undefined, index = false) => ({
    id,
    parentId,
    path,
    index,
    hasLoader: true,
    hasAction: false,
    hasClientLoader: false,
    hasClientAction: false,
    hasErrorBoundary: false,
    module: `/build/${id}.js`,
  });
  const manifestOf = () => ({
    root: entry("root", undefined, ""),
    "routes/_index": entry("routes/_index", "root", undefined, true),
    "routes/candidat": entry("routes/candidat", "root", "candidat"),
    "routes/candidat.$id": entry("routes/candidat.$id", "routes/candidat", ":id"),
  });
  const modulesOf = () => Object.fromEntries(Object.keys(manifestOf()).map((id) => [id, { default: () => null }]));
  const shape = (routes: ServerRoute[]): unknown => routes.map((route) => [route.id, route.path, route.index ?? false, shape(route.children ?? [])]);

  test("are built once per manifest, and what is built is the manifest's tree", () => {
    const manifest = manifestOf();
    const first = createServerRoutes(manifest, modulesOf(), {}, false);
    expect(createServerRoutes(manifest, modulesOf(), {}, false)).toBe(first);
    expect(shape(first)).toEqual([
      [
        "root",
        "",
        false,
        [
          ["routes/_index", undefined, true, []],
          ["routes/candidat", "candidat", false, [["routes/candidat.$id", ":id", false, []]]],
        ],
      ],
    ]);
    // Another manifest (a new build): its own tree.
    const other = manifestOf();
    delete (other as Partial<typeof other>)["routes/candidat.$id"];
    const second = createServerRoutes(other, modulesOf(), {}, false);
    expect(second).not.toBe(first);
    expect(shape(second)).toEqual([
      [
        "root",
        "",
        false,
        [
          ["routes/_index", undefined, true, []],
          ["routes/candidat", "candidat", false, []],
        ],
      ],
    ]);
  });
});

describe("React Router's data routes", () => {
  type DataRoute = { id: string; path?: string; index?: boolean; hasErrorBoundary?: boolean; children?: DataRoute[] };
  type Convert = (routes: object[], map: (route: object) => object, parentPath?: string[], manifest?: Record<string, DataRoute>) => DataRoute[];
  const convert = (patched as unknown as { UNSAFE_convertRoutesToDataRoutes: Convert }).UNSAFE_convertRoutesToDataRoutes;
  const convertAsPublished = (published as unknown as { UNSAFE_convertRoutesToDataRoutes: Convert }).UNSAFE_convertRoutesToDataRoutes;
  const mapRouteProperties = (route: object) => ({ hasErrorBoundary: "ErrorBoundary" in route });
  const shape = (routes: DataRoute[]): unknown =>
    routes.map((route) => [route.id, route.path, route.index ?? false, route.hasErrorBoundary, shape(route.children ?? [])]);

  // As Remix hands them over: no children on an index route.
  const routeTree = (routes: Route[] = portalTree()): Route[] =>
    routes.map(({ children, ...route }) => (children?.length ? { ...route, children: routeTree(children) } : route));

  test("are converted once per route tree, the caller's manifest filled as the published router fills it", () => {
    const tree = routeTree();
    const manifest: Record<string, DataRoute> = {};
    const first = convert(tree, mapRouteProperties, undefined, manifest);
    const expectedManifest: Record<string, DataRoute> = {};
    const expected = convertAsPublished(tree, mapRouteProperties, undefined, expectedManifest);
    expect(shape(first)).toEqual(shape(expected));
    expect(Object.keys(manifest).sort()).toEqual(Object.keys(expectedManifest).sort());
    expect(manifest["routes/candidat._index"]?.path).toBe(expectedManifest["routes/candidat._index"]?.path);

    const again: Record<string, DataRoute> = {};
    expect(convert(tree, mapRouteProperties, undefined, again)).toBe(first);
    expect(again).toEqual(manifest);
    // Another tree, or the same one with other properties mapped: converted anew.
    expect(convert(routeTree(), mapRouteProperties, undefined, {})).not.toBe(first);
    const other = convert(tree, () => ({ hasErrorBoundary: true }), undefined, {});
    expect(other).not.toBe(first);
    expect(other[0].hasErrorBoundary).toBe(true);
  });
});
