// Runs before each integration test file, in its own process: the app's pool points at a fresh
// copy of the template, so files run in parallel without seeing each other's rows.
import { afterAll, inject } from "vitest";
import { createTestDatabase } from "./database";

const database = await createTestDatabase(inject("pgAdminUrl"));
process.env.DATABASE_URL = database.url;
process.env.NODE_ENV = "test";
process.env.LOG_LEVEL ??= "error";

afterAll(async () => {
  const { db } = await import("../../app/infra/db.server");
  await db.end({ timeout: 5 });
  await database.drop();
});
