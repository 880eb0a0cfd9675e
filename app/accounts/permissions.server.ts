import { AsyncLocalStorage } from "node:async_hooks";
import { redirect } from "@remix-run/node";
import { singleton } from "~/infra/singleton.server";
import { findSessionUser, type SessionUser } from "./sessions.server";
import { readSessionToken } from "./session-cookie.server";
import type { Membership, User } from "./users.server";
import { rolesRequiringSecondFactor, type Role } from "./roles";

export type CurrentUser = User & {
  memberships: Membership[];
  sessionToken: string;
  secondFactorDone: boolean;
};

// One page view runs the root loader and its route's loaders at once, each asking who is signed in:
// within one GET or HEAD they share a single lookup. Other methods look it up at each call, since an
// action may change the session or the person before the loaders run. Kept on globalThis: the
// Express server and the Remix build each load their own copy of this module.
const sessionLookups = singleton("session-lookups", () => new AsyncLocalStorage<Map<string, Promise<SessionUser | null>>>());

/** Handles one HTTP request (server/app.ts) so that its loaders share one session lookup. */
export function withOneSessionLookup<T>(handle: () => T): T {
  return sessionLookups.run(new Map(), handle);
}

function lookUpSession(request: Request, token: string): Promise<SessionUser | null> {
  const shared = request.method === "GET" || request.method === "HEAD" ? sessionLookups.getStore() : undefined;
  if (!shared) return findSessionUser(token);
  let lookup = shared.get(token);
  if (!lookup) {
    lookup = findSessionUser(token);
    shared.set(token, lookup);
  }
  return lookup;
}

/**
 * The person behind the session cookie, including a session still waiting for its TOTP code
 * (secondFactorPending). Only the login pages need that; everything else uses getCurrentUser.
 */
export async function getSessionUser(request: Request): Promise<(CurrentUser & { secondFactorPending: boolean }) | null> {
  const token = readSessionToken(request);
  if (!token) return null;
  const found = await lookUpSession(request, token);
  if (!found || found.disabledAt) return null;
  const { secondFactorAt, ...user } = found;
  const secondFactorDone = secondFactorAt !== null;
  return {
    ...user,
    sessionToken: token,
    secondFactorDone,
    // Whoever turned TOTP on needs it at every login, whatever their roles.
    secondFactorPending: user.totpEnabledAt !== null && !secondFactorDone,
  };
}

/**
 * The signed-in person, or null. Never throws for an anonymous visitor. A session that has not
 * yet given its TOTP code counts as anonymous here.
 */
export async function getCurrentUser(request: Request): Promise<CurrentUser | null> {
  const user = await getSessionUser(request);
  if (!user || user.secondFactorPending) return null;
  const { secondFactorPending: _, ...current } = user;
  return current;
}

export function hasRole(user: Pick<CurrentUser, "memberships">, role: Role, scope?: string): boolean {
  return user.memberships.some((m) => m.role === role && (m.scope === "*" || scope === undefined || m.scope === scope));
}

function pathOf(request: Request) {
  const url = new URL(request.url);
  return url.pathname + url.search;
}

export function loginRedirect(request: Request): never {
  throw redirect(`/connexion?redirectTo=${encodeURIComponent(pathOf(request))}`);
}

/**
 * The one gate of every loader and action. Anonymous: redirect to /connexion with a way back.
 * Signed in without the role (or scope): 403, unless `orNoRoleYet` lets in a person who holds no
 * role at all (one becomes a designer by starting a proposal). Anyone who enabled TOTP must have
 * given a code in this session; admins, jurors and instructors must also have enrolled.
 */
export async function requireUser(request: Request, options: { role?: Role; scope?: string; orNoRoleYet?: boolean } = {}): Promise<CurrentUser> {
  const sessionUser = await getSessionUser(request);
  if (!sessionUser) loginRedirect(request);
  const { secondFactorPending, ...user } = sessionUser;
  if (secondFactorPending) throw redirect(`/connexion/code?redirectTo=${encodeURIComponent(pathOf(request))}`);
  const { role, scope } = options;
  if (!role) return user;
  if (options.orNoRoleYet && user.memberships.length === 0) return user;
  if (!hasRole(user, role, scope)) {
    throw new Response("Vous n'avez pas accès à cet espace.", { status: 403, statusText: "Forbidden" });
  }
  if (rolesRequiringSecondFactor.includes(role)) {
    const back = encodeURIComponent(pathOf(request));
    if (!user.totpEnabledAt) throw redirect(`/compte/double-authentification?redirectTo=${back}`);
    if (!user.secondFactorDone) throw redirect(`/connexion/code?redirectTo=${back}`);
  }
  return user;
}
