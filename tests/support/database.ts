import { randomBytes } from "node:crypto";
import { connect } from "../../app/infra/postgres.server";

const TEMPLATE_DATABASE = "kits_template";

function withDatabase(adminUrl: string, name: string) {
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

/**
 * A fresh database copied from the migrated template (or from another template: `template0` gives
 * an empty one, as a new deployment starts on); returns its URL and a way to drop it.
 */
export async function createTestDatabase(adminUrl: string, template = TEMPLATE_DATABASE) {
  const name = `test_${randomBytes(6).toString("hex")}`;
  const admin = connect(adminUrl, { max: 1 });
  try {
    await admin.unsafe(`create database "${name}" template "${template}"`);
  } finally {
    await admin.end();
  }
  return {
    name,
    url: withDatabase(adminUrl, name),
    async drop() {
      const dropper = connect(adminUrl, { max: 1 });
      try {
        await dropper.unsafe(`drop database if exists "${name}" with (force)`);
      } finally {
        await dropper.end();
      }
    },
  };
}
