import type { ActionFunctionArgs } from "@remix-run/node";
import { describe, expect, test } from "vitest";
import { z } from "zod";
import { formAction, withDomainErrors } from "~/http/answers.server";
import { redirectWithNotice } from "~/http/notices";
import { requireRecordId } from "~/http/params";
import { readQuery } from "~/http/query";
import { Conflict, NotFound, Refused } from "~/infra/domain-errors";

function post(fields: Record<string, string>) {
  return new Request("http://portail.test/page", { method: "POST", body: new URLSearchParams(fields) });
}

function args(request: Request): ActionFunctionArgs {
  return { request, params: {}, context: {} };
}

/** The answer thrown by a handler, as the Response Remix would send. */
async function thrown(promise: Promise<unknown>): Promise<Response> {
  const outcome = await promise.then(
    () => null,
    (error: unknown) => error,
  );
  if (!(outcome instanceof Response)) throw new Error(`expected a thrown Response, got ${String(outcome)}`);
  return outcome;
}

describe("withDomainErrors (loaders)", () => {
  test("NotFound becomes a 404 carrying its French message", async () => {
    const loader = withDomainErrors(async () => {
      throw new NotFound("Proposition introuvable.");
    });
    const response = await thrown(loader({}));
    expect(response.status).toBe(404);
    expect(await response.text()).toBe("Proposition introuvable.");
  });

  test("Refused becomes 400 and Conflict 409, with their messages", async () => {
    const refused = await thrown(withDomainErrors(async () => Promise.reject(new Refused("Interdit ici.")))({}));
    expect([refused.status, await refused.text()]).toEqual([400, "Interdit ici."]);
    const conflict = await thrown(withDomainErrors(async () => Promise.reject(new Conflict("Déjà scellé.")))({}));
    expect([conflict.status, await conflict.text()]).toEqual([409, "Déjà scellé."]);
  });

  test("other errors and the loader's own value pass through untouched", async () => {
    const failure = new TypeError("bug");
    await expect(withDomainErrors(async () => Promise.reject(failure))({})).rejects.toBe(failure);
    await expect(withDomainErrors(async (n: number) => n + 1)(41)).resolves.toBe(42);
  });
});

describe("formAction (actions)", () => {
  const schema = z.object({ title: z.string().min(3, "Le titre fait au moins 3 caractères."), password: z.string() });

  test("a field that fails the schema comes back as 400 with its message and what was typed, never the password", async () => {
    const action = formAction(async ({ form }) => form.parse(schema));
    const answer = await action(args(post({ title: "ab", password: "secret", note: "gardée" })));
    expect(answer).toMatchObject({
      init: { status: 400 },
      data: { errors: { title: "Le titre fait au moins 3 caractères." }, values: { title: "ab", note: "gardée" } },
    });
    expect(JSON.stringify(answer)).not.toContain("secret");
  });

  test("a domain refusal names its field (400), a conflict answers 409, both keep the values typed", async () => {
    const refusing = formAction(async ({ form }) => {
      await form.parse(schema);
      throw new Refused("Ce titre est déjà pris.", "title");
    });
    expect(await refusing(args(post({ title: "Kit", password: "x" })))).toMatchObject({
      init: { status: 400 },
      data: { errors: { title: "Ce titre est déjà pris." }, values: { title: "Kit" } },
    });
    const conflicting = formAction(async ({ form }) => {
      await form.formData();
      throw new Conflict("La période de dépôt est close.");
    });
    expect(await conflicting(args(post({ title: "Kit" })))).toMatchObject({
      init: { status: 409 },
      data: { errors: { _form: "La période de dépôt est close." }, values: { title: "Kit" } },
    });
  });

  test("a refusal before the body is read answers without reading it; NotFound is a 404", async () => {
    const early = formAction(async () => {
      throw new Refused("Non.");
    });
    expect(await early(args(post({ title: "Kit" })))).toMatchObject({ init: { status: 400 }, data: { errors: { _form: "Non." }, values: {} } });
    const missing = formAction(async () => {
      throw new NotFound("Juré introuvable.");
    });
    const response = await thrown(missing(args(post({}))));
    expect([response.status, await response.text()]).toEqual([404, "Juré introuvable."]);
  });

  test("the intent names the button pressed", async () => {
    const action = formAction(async ({ form }) => form.intent());
    expect(await action(args(post({ intent: "withdraw" })))).toBe("withdraw");
    expect(await action(args(post({})))).toBeNull();
  });
});

describe("addresses", () => {
  test("requireRecordId gives the id or NotFound with the record's message", () => {
    expect(requireRecordId("42", "Proposition introuvable.")).toBe(42);
    for (const bad of [undefined, "0", "-1", "1e3", " 7", "99999999999999999999"]) {
      expect(() => requireRecordId(bad, "Proposition introuvable.")).toThrow(new NotFound("Proposition introuvable."));
    }
  });

  test("readQuery reads the first value of each parameter through the schema", () => {
    const schema = z.object({ page: z.coerce.number().int().min(1).catch(1), q: z.string().catch("") });
    expect(readQuery(new Request("http://p/x?page=3&q=a&q=b"), schema)).toEqual({ page: 3, q: "a" });
    expect(readQuery(new Request("http://p/x?page=abc"), schema)).toEqual({ page: 1, q: "" });
  });

  test("redirectWithNotice adds the notice and its figures before the anchor", () => {
    const response = redirectWithNotice("/jury/liens#liens-3", "ajout", { membre: 12 });
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/jury/liens?fait=ajout&membre=12#liens-3");
  });
});
