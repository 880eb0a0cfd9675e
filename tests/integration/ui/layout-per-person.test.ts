// The layout's header is rendered once per distinct person-and-section and sent again from then on
// (app/ui/rendered-once.tsx): each page must still carry its own visitor's name and spaces, and
// mark its own section, whoever was served before. The built app (`npx remix build` first) is
// served in this process.
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { newTotpSecret } from "~/accounts/totp";
import { db } from "~/infra/db.server";
import { createAccount, sessionCookie } from "../../support/fixtures";
import { serveBuiltAppInProcess } from "../../support/in-process-app";

let app: Awaited<ReturnType<typeof serveBuiltAppInProcess>>;
let base: string;

beforeAll(async () => {
  app = await serveBuiltAppInProcess();
  base = app.url;
});
afterAll(async () => {
  await app?.close();
});

async function header(pathname: string, cookie?: string) {
  const response = await fetch(`${base}${pathname}`, { headers: cookie ? { Cookie: cookie } : {} });
  expect(response.status).toBe(200);
  const html = await response.text();
  const banner = /<header role="banner"[\s\S]*?<\/header>/.exec(html)?.[0] ?? "";
  return {
    banner,
    spaces: [...banner.matchAll(/class="fr-nav__link" href="([^"]+)"/g)].map((match) => match[1]),
    current: [...banner.matchAll(/href="([^"]+)" aria-current="page"/g)].map((match) => match[1]),
  };
}

describe("the header of each page is its own visitor's", () => {
  test("people seen one after the other each find their own name and spaces, never another's", async () => {
    const designer = await createAccount(db, { name: "Aline Première", roles: ["designer"] });
    const admin = await createAccount(db, { name: "Bruno Second", roles: ["admin", "juror"], totpSecret: newTotpSecret() });
    const designerCookie = await sessionCookie(db, designer.id);
    const adminCookie = await sessionCookie(db, admin.id);

    for (let round = 0; round < 2; round++) {
      const forDesigner = await header("/mentions-legales", designerCookie);
      expect(forDesigner.banner).toContain("Aline Première");
      expect(forDesigner.banner).not.toContain("Bruno Second");
      expect(forDesigner.spaces).toContain("/candidat");
      expect(forDesigner.spaces).not.toContain("/admin");

      const forAdmin = await header("/mentions-legales", adminCookie);
      expect(forAdmin.banner).toContain("Bruno Second");
      expect(forAdmin.banner).not.toContain("Aline Première");
      expect(forAdmin.spaces).toEqual(expect.arrayContaining(["/admin", "/jury"]));
      expect(forAdmin.spaces).not.toContain("/candidat");

      const forAnonymous = await header("/mentions-legales");
      expect(forAnonymous.banner).toContain("Se connecter");
      expect(forAnonymous.banner).not.toMatch(/Aline Première|Bruno Second|Se déconnecter/);
    }
  });

  test("a name is text, never markup", async () => {
    const person = await createAccount(db, { name: `Zoé <img src=x onerror=alert(1)> & "co"`, roles: ["designer"] });
    const { banner } = await header("/mentions-legales", await sessionCookie(db, person.id));
    expect(banner).toContain("Zoé &lt;img src=x onerror=alert(1)&gt; &amp; &quot;co&quot;");
    expect(banner).not.toContain("<img");
  });

  test("the menu marks the section of the page shown, and that one only", async () => {
    const designer = await createAccount(db, { name: "Chloé Troisième", roles: ["designer"] });
    const cookie = await sessionCookie(db, designer.id);
    expect((await header("/concours", cookie)).current).toEqual(["/concours"]);
    expect((await header("/candidat", cookie)).current).toEqual(["/candidat"]);
    expect((await header("/mentions-legales", cookie)).current).toEqual([]);
    expect((await header("/")).current).toEqual(["/"]);
    expect((await header("/catalogue")).current).toEqual(["/catalogue"]);
  });
});
