// The Express server and the Remix server build each load their own copy of app modules;
// resources that must exist once per process (pools, queues) are kept on globalThis.
const registry = ((globalThis as { __kitsSingletons?: Map<string, unknown> }).__kitsSingletons ??= new Map());

export function singleton<T>(name: string, create: () => T): T {
  if (!registry.has(name)) registry.set(name, create());
  return registry.get(name) as T;
}
