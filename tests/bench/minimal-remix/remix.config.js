// The bench's baseline: the smallest Remix 2.17 app (classic compiler) rendering a page of 100
// items, served by Express like the portal. Built and served by tests/bench/minimal-remix.ts.
/** @type {import('@remix-run/dev').AppConfig} */
export default {
  serverModuleFormat: "esm",
  future: { v3_fetcherPersist: true, v3_relativeSplatPath: true, v3_throwAbortReason: true, v3_lazyRouteDiscovery: true, v3_singleFetch: true },
};
