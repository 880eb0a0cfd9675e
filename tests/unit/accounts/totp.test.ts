import { describe, expect, test } from "vitest";
import { demoTotpCodes, formatTotpSecret, newTotpSecret, totpCode, totpStep, totpUri } from "~/accounts/totp";
import { demoAccounts } from "../../../db/seed";

// RFC 6238 appendix B: the ASCII secret "12345678901234567890", SHA-1; the 6 last digits of its 8-digit codes.
const RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

describe("TOTP", () => {
  test("computes the RFC 6238 test vectors", () => {
    expect(totpCode(RFC_SECRET, 59_000)).toBe("287082");
    expect(totpCode(RFC_SECRET, 1_111_111_109_000)).toBe("081804");
    expect(totpCode(RFC_SECRET, 1_234_567_890_000)).toBe("005924");
    expect(totpCode(RFC_SECRET, 2_000_000_000_000)).toBe("279037");
  });

  test("accepts the code of the current step and of one step either side, nothing further", () => {
    const at = 1_700_000_025_000; // the middle of a 30-second step
    const code = totpCode(RFC_SECRET, at);
    const step = Math.floor(at / 30_000);
    expect(totpStep(RFC_SECRET, code, at)).toBe(step);
    expect(totpStep(RFC_SECRET, code, at - 30_000)).toBe(step);
    expect(totpStep(RFC_SECRET, code, at + 30_000)).toBe(step);
    expect(totpStep(RFC_SECRET, code, at - 60_000)).toBeNull();
    expect(totpStep(RFC_SECRET, code, at + 60_000)).toBeNull();
  });

  test("tolerates spaces but refuses anything that is not six digits", () => {
    const at = 1_700_000_025_000;
    const code = totpCode(RFC_SECRET, at);
    expect(totpStep(RFC_SECRET, `${code.slice(0, 3)} ${code.slice(3)}`, at)).toBe(Math.floor(at / 30_000));
    expect(totpStep(RFC_SECRET, code.slice(0, 5), at)).toBeNull();
    expect(totpStep(RFC_SECRET, `${code}0`, at)).toBeNull();
    expect(totpStep(RFC_SECRET, "abcdef", at)).toBeNull();
    expect(totpStep(RFC_SECRET, "", at)).toBeNull();
  });

  test("a new secret is 160 random bits in base32, different each time", () => {
    const a = newTotpSecret();
    expect(a).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(a);
    expect(formatTotpSecret("ABCDEFGHIJ")).toBe("ABCD EFGH IJ");
  });

  test("the QR code URI names the portal and the account", () => {
    const uri = totpUri(RFC_SECRET, "lea@exemple.fr");
    expect(uri).toMatch(/^otpauth:\/\/totp\//);
    expect(uri).toContain(`secret=${RFC_SECRET}`);
    expect(uri).toContain("period=30");
    expect(uri).toContain("digits=6");
    expect(decodeURIComponent(uri)).toContain("lea@exemple.fr");
  });
});

describe("demo codes on the login page", () => {
  test("are never computed outside demo mode", () => {
    expect(demoTotpCodes(demoAccounts, { demo: false })).toEqual([]);
  });

  test("in demo mode, give the current code of each demo account that has a TOTP secret", () => {
    const at = 1_700_000_025_000;
    const codes = demoTotpCodes(demoAccounts, { demo: true, at });
    const withSecret = demoAccounts.filter((a) => a.totpSecret);
    expect(withSecret.length).toBeGreaterThanOrEqual(2);
    expect(codes).toEqual(withSecret.map((a) => ({ email: a.email, code: totpCode(a.totpSecret!, at), secondsLeft: 15 })));
    for (const { code } of codes) expect(code).toMatch(/^\d{6}$/);
  });
});
