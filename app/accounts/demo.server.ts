import { config } from "~/infra/config.server";
import { DEMO_PASSWORD, demoAccounts } from "../../db/seed";
import { demoTotpCodes, type DemoCode } from "./totp";

export type DemoHelp = { password: string; codes: DemoCode[] };

/**
 * What the login pages show a newcomer in demo mode (embedded database only): the demo password
 * and the current TOTP codes of the demo admin and juror. Null outside demo mode.
 */
export function demoHelp(onlyEmail?: string): DemoHelp | null {
  const codes = demoTotpCodes(demoAccounts, { demo: config().demo }).filter((c) => !onlyEmail || c.email === onlyEmail);
  return codes.length > 0 ? { password: DEMO_PASSWORD, codes } : null;
}
