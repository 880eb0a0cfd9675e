/// <reference types="@remix-run/dev" />
/// <reference types="@remix-run/node" />

export {};

// Single fetch is on (remix.config.js): loaders and actions are typed by what they return, data() included.
declare module "@remix-run/node" {
  interface Future {
    v3_singleFetch: true;
  }
}
