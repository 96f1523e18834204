/**
 * One name per setting: a root variable of terraform-aws-mathesar is the snake_case of its prop path (the whole
 * path, its last step, or its first and last steps), and a submodule variable the snake_case of its block prop
 * path — except the published names the settings table and blocks.ts explain, listed here so that a new
 * difference fails. The module README carries the generated table of every pair.
 */
import {
  AWS_DATABASE_BLOCK,
  AWS_EDGE_BLOCK,
  AWS_NETWORK_BLOCK,
  AWS_SECRETS_BLOCK,
  AWS_SERVICE_BLOCK,
  AWS_SETTINGS,
} from "../../modules/aws";
import { awsModuleBundle } from "../../stacks/aws/dist";
import { renderAwsModule, renderModuleFiles } from "../support/synth";

/** snake_case of a prop path; a unit (GiB, MiB) is one word. */
const snake = (words: string) =>
  words
    .replace(/(GiB|MiB)/g, (unit) => `_${unit.toLowerCase()}`)
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .replace(/\./g, "_")
    .toLowerCase();

/** Root variables whose published name predates the table (settings.ts says why). */
const ROOT_EXCEPTIONS = [
  "alb_oidc",
  "database_allocated_storage",
  "database_sslmode",
  "existing_database",
  "existing_vpc",
  "vpc_cidr",
];

/** Submodule variables named for what they hold (blocks.ts says why). */
const BLOCK_EXCEPTIONS = [
  "service.admin_password_secret_arn",
  "service.admit_database",
  "service.database_admin_password_secret_arn",
  "service.database_admin_password_secret_key",
  "service.database_password_secret_arn",
  "service.database_password_secret_key",
  "service.database_sslmode",
  "service.secret_key_secret_arn",
  "service.sso_config_secret_arn",
];

test("root variables are the snake_case of their props, but for the listed published names", () => {
  const differing = Object.entries(AWS_SETTINGS)
    .filter(([name, { prop }]) => {
      const steps = prop.split(".");
      const candidates = [snake(prop), snake(steps[steps.length - 1]), snake(`${steps[0]}.${steps[steps.length - 1]}`)];
      return !candidates.includes(name);
    })
    .map(([name]) => name)
    .sort();
  expect(differing).toEqual(ROOT_EXCEPTIONS);
});

test("submodule variables are the snake_case of their block props, but for the listed ones", () => {
  const blocks = [AWS_NETWORK_BLOCK, AWS_SECRETS_BLOCK, AWS_DATABASE_BLOCK, AWS_EDGE_BLOCK, AWS_SERVICE_BLOCK];
  const differing = blocks
    .flatMap((block) =>
      Object.entries(block.variables as Record<string, { prop: string }>)
        .filter(([name, { prop }]) => snake(prop) !== name)
        .map(([name]) => `${block.module}.${name}`),
    )
    .sort();
  expect(differing).toEqual(BLOCK_EXCEPTIONS);
});

test("every root variable is a setting, and the README lists each with its prop", async () => {
  const rendered = renderAwsModule();
  expect(Object.keys(rendered.modules[""].variable).sort()).toEqual(Object.keys(AWS_SETTINGS).sort());
  const readme = (await renderModuleFiles(awsModuleBundle()))["README.md"];
  for (const [name, { prop }] of Object.entries(AWS_SETTINGS))
    expect(readme).toContain(`| \`${name}\` | \`${prop}\` |`);
});
