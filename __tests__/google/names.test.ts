/**
 * One name per setting: a submodule variable of terraform-google-mathesar is the snake_case of the block prop
 * it sets, and a root variable the snake_case of its prop path (the whole path or its last step) — except the
 * published names listed here with their reason, so a new difference fails. The module README carries the
 * generated table of every root variable beside its prop.
 */
import * as fs from "fs";
import * as path from "path";
import { GOOGLE_BLOCKS, GOOGLE_SETTINGS } from "../../modules/google";

/** snake_case of a prop path; a unit (MiB) is one word. */
const snake = (words: string) =>
  words
    .replace(/MiB/g, "_mib")
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/\./g, "_")
    .toLowerCase();

/** Submodule variables whose name is not their prop's, and why (blocks.ts says it too). */
const BLOCK_EXCEPTIONS: Record<string, string> = {
  "database.postgres_version": "Terraform reserves `version` as a module block argument",
  "cloud_run.database_sslmode": "libpq's word (PGSSLMODE), as the root's database_sslmode",
  "vm.database_sslmode": "libpq's word (PGSSLMODE), as the root's database_sslmode",
};

/** Root variables whose published name predates the table (renaming one breaks every caller). */
const ROOT_EXCEPTIONS: Record<string, string> = {
  labels: "Google's word for tags",
  vm_cloud_nat: "published name of vm.createCloudNat",
  caddy_allowed_source_ranges: "published name of vm.allowedSourceRanges (with Caddy only)",
  existing_network: "published name of network.existing",
  existing_database: "published name of database.existing",
  database_version: "published: database.managed.* settings are database_*",
  database_tier: "published",
  database_disk_size_gb: "published",
  database_high_availability: "published",
  database_password_version: "published",
  database_sslmode: "published, libpq's word",
  cloud_armor_enabled: "whether cloudArmor is given (a presence setting)",
};

test("every submodule variable is the snake_case of its block prop, but for the listed exceptions", () => {
  const different = GOOGLE_BLOCKS.flatMap((block) =>
    Object.entries(block.variables)
      .filter(([name, variable]) => name !== snake(variable.prop))
      .map(([name]) => `${block.module}.${name}`),
  );
  expect(different.sort()).toEqual(Object.keys(BLOCK_EXCEPTIONS).sort());
});

test("every root variable is the snake_case of its prop path or its last step, but for the listed exceptions", () => {
  const different = Object.entries(GOOGLE_SETTINGS)
    .filter(([name, setting]) => name !== snake(setting.prop) && name !== snake(setting.prop.split(".").pop()!))
    .map(([name]) => name);
  expect(different.sort()).toEqual(Object.keys(ROOT_EXCEPTIONS).sort());
});

test("the module README maps every root variable to its prop", () => {
  const readme = fs.readFileSync(
    path.join(__dirname, "..", "..", "dist", "terraform-google-mathesar", "README.md"),
    "utf8",
  );
  for (const [name, setting] of Object.entries(GOOGLE_SETTINGS))
    expect(readme).toContain(`| \`${name}\` | \`${setting.prop}\` |`);
});
