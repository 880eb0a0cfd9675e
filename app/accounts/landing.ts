import { safeRedirectTo } from "./redirects";
import { roleSpaces, type Role } from "./roles";

// Who holds several roles lands in the space they most likely came to run: programme management
// first, then the jury's time-bound work, then a département's instruction, then their own proposals,
// then orders and manufacturing.
const landingOrder: readonly Role[] = ["admin", "juror", "instructor", "designer", "structure", "maker"];

/**
 * Where a person lands after login when they asked for nothing else: their space, or, without a
 * role yet, the page where they say what they came for.
 */
export function landingPage(memberships: readonly { role: Role }[]): string {
  const role = landingOrder.find((candidate) => memberships.some((m) => m.role === candidate));
  return role ? roleSpaces[role] : "/bienvenue";
}

/** The page asked for with `redirectTo`, or "" when none (or none safe) was: the login forms carry it on as is. */
export function askedDestination(redirectTo: unknown): string {
  return safeRedirectTo(redirectTo, "");
}

/** Where to go once signed in: the page asked for, when it is a path of the portal, or the person's own space. */
export function destinationAfterLogin(redirectTo: unknown, memberships: readonly { role: Role }[]): string {
  return safeRedirectTo(redirectTo, landingPage(memberships));
}
