/**
 * Generated secrets on Google Cloud: ephemeral values written only through write-only arguments, so no
 * generated value can ever be in Terraform state or a plan file.
 */
import { SecretManagerSecret } from "@cdktf/provider-google/lib/secret-manager-secret";
import {
  renderGoogleModule,
  synthGoogle,
  synthGoogleWith,
  sensitiveVariable,
  type TerraformJson,
} from "../support/synth";

/** Every path in `value` where an object has the key `key`. */
function pathsWithKey(value: unknown, key: string, path = ""): string[] {
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => [
    ...(k === key ? [`${path}.${k}`] : []),
    ...pathsWithKey(v, key, `${path}.${k}`),
  ]);
}

const EXISTING_DB = { host: "10.1.2.3", passwordSecretId: "lab-db-password" };

describe("generated values", () => {
  test("are ephemeral random_password blocks at stack level: letters and digits, 64 / 24 / 32 characters", () => {
    // GIVEN the default deployment (managed database)
    const config = synthGoogle();
    // THEN the three values are ephemeral, never resources
    const ephemeral = config.ephemeral.random_password;
    expect(Object.keys(ephemeral).sort()).toEqual(["admin_password", "database_password", "secret_key"]);
    expect(ephemeral.secret_key).toMatchObject({ length: 64, special: false });
    expect(ephemeral.admin_password).toMatchObject({ length: 24, special: false });
    expect(ephemeral.database_password).toMatchObject({ length: 32, special: false });
  });

  test("an existing database means no database password is generated", () => {
    const config = synthGoogle({ database: { existing: EXISTING_DB } });
    expect(Object.keys(config.ephemeral.random_password).sort()).toEqual(["admin_password", "secret_key"]);
    expect(Object.keys(config.resource.google_secret_manager_secret).sort()).toEqual(["admin_password", "secret_key"]);
  });
});

describe("Secret Manager", () => {
  test("one secret per value, named after the deployment, replicated automatically", () => {
    // GIVEN a deployment named lab
    const text = JSON.stringify(synthGoogle({ name: "lab" }));
    // THEN each secret carries the prefix
    for (const id of ["lab-secret-key", "lab-admin-password", "lab-database-password"]) {
      expect(text).toHaveResourceWithProperties(SecretManagerSecret, { secret_id: id, replication: { auto: {} } });
    }
  });

  test("versions are written once through secret_data_wo, never secret_data", () => {
    // GIVEN the default deployment
    const versions = synthGoogle().resource.google_secret_manager_secret_version as Record<string, TerraformJson>;
    // THEN each version takes its own ephemeral value, write-only, version 1
    expect(Object.keys(versions).sort()).toEqual(["admin_password", "database_password", "secret_key"]);
    for (const [name, version] of Object.entries(versions)) {
      expect(version.secret_data_wo).toBe(`\${ephemeral.random_password.${name}.result}`);
      expect(version.secret_data_wo_version).toBe(1);
      expect(version.secret_data).toBeUndefined();
      expect(version.secret).toBe(`\${google_secret_manager_secret.${name}.id}`);
    }
  });

  test("the database user gets its password through password_wo, never password", () => {
    const user = synthGoogle().resource.google_sql_user.mathesar;
    expect(user.password_wo).toBe("${ephemeral.random_password.database_password.result}");
    expect(user.password_wo_version).toBe(1);
    expect(user.password).toBeUndefined();
  });

  test("order: the empty secret, then the user, then the version (a stored password always matches the user)", () => {
    // GIVEN the managed database
    const { resource } = synthGoogle();
    // THEN the user waits for the secret, and the password's version waits for the user
    expect(resource.google_sql_user.mathesar.depends_on).toContain("google_secret_manager_secret.database_password");
    expect(resource.google_secret_manager_secret_version.database_password.depends_on).toEqual([
      "google_sql_user.mathesar",
    ]);
  });
});

describe("the database password: one version input feeds the user and the secret", () => {
  test("passwordVersion sets both write-only versions (default 1), so raising it writes one new value to both in one run", () => {
    const at = (passwordVersion?: number) =>
      synthGoogle({ database: { managed: passwordVersion === undefined ? {} : { passwordVersion } } }).resource;
    expect(at().google_sql_user.mathesar.password_wo_version).toBe(1);
    expect(at().google_secret_manager_secret_version.database_password.secret_data_wo_version).toBe(1);
    const raised = at(3);
    expect(raised.google_sql_user.mathesar.password_wo_version).toBe(3);
    expect(raised.google_secret_manager_secret_version.database_password.secret_data_wo_version).toBe(3);
  });

  test("the secret's version is replaced whenever the user is replaced or given a new password (never left holding an old one)", () => {
    const version = synthGoogle().resource.google_secret_manager_secret_version.database_password;
    expect(version.lifecycle.replace_triggered_by).toEqual([
      "google_sql_user.mathesar.id",
      "google_sql_user.mathesar.password_wo_version",
    ]);
    // and only the database password's: the other secrets are not tied to a user
    expect(synthGoogle().resource.google_secret_manager_secret_version.secret_key.lifecycle).toBeUndefined();
  });

  test("the published module: database_password_version feeds the database module's password_version, which feeds both", () => {
    const rendered = renderGoogleModule();
    expect(rendered.modules[""].variable.database_password_version).toMatchObject({ type: "number", default: 1 });
    expect(rendered.modules[""].module.database.password_version).toBe("${var.database_password_version}");
    const database = rendered.modules["modules/database"];
    expect(database.resource.google_sql_user.mathesar.password_wo_version).toBe("${var.password_version}");
    expect(database.resource.google_secret_manager_secret_version.database_password.secret_data_wo_version).toBe(
      "${var.password_version}",
    );
    expect(
      database.resource.google_secret_manager_secret_version.database_password.lifecycle.replace_triggered_by,
    ).toEqual(["google_sql_user.mathesar.id", "google_sql_user.mathesar.password_wo_version"]);
  });

  test("a version below 1 or not whole is refused, naming the prop", () => {
    expect(() => synthGoogle({ database: { managed: { passwordVersion: 0 } } })).toThrow(
      /Invalid database\.managed\.passwordVersion 0: must be a whole number from 1/,
    );
    expect(() => synthGoogle({ database: { managed: { passwordVersion: 1.5 } } })).toThrow(
      /Invalid database\.managed\.passwordVersion 1\.5/,
    );
  });
});

describe("nothing generated can be in state", () => {
  const variants: Array<[string, () => TerraformJson]> = [
    ["the default", () => synthGoogle()],
    [
      "a large HA deployment with SSO and Cloud Armor",
      () => synthGoogle({ size: "large", sso: { configSecretId: "lab-sso" }, cloudArmor: {} }),
    ],
    ["an existing database", () => synthGoogle({ database: { existing: EXISTING_DB } })],
    ["the VM with Caddy", () => synthGoogle({ runtime: "vm", vm: { edge: "caddy" } })],
    ["the VM behind the load balancer", () => synthGoogle({ runtime: "vm" })],
    [
      "IAP with its own OAuth client",
      () =>
        synthGoogleWith((stack) => ({
          iap: {
            members: ["group:lab@example.org"],
            oauthClientId: "123456789012-abc.apps.googleusercontent.com",
            oauthClientSecret: sensitiveVariable(stack, "oauth_secret"),
          },
        })).config,
    ],
  ];

  test.each(variants)("%s: no random_password resource, no secret_data, no password argument", (_what, synth) => {
    // GIVEN a deployment variant
    const config = synth();
    // THEN generated values exist only as ephemeral blocks, and no argument that Terraform stores carries one
    expect(config.resource.random_password).toBeUndefined();
    expect(Object.keys(config.resource).filter((type) => type.startsWith("random_"))).toEqual([]);
    expect(pathsWithKey(config.resource, "secret_data")).toEqual([]);
    expect(pathsWithKey(config.resource, "password")).toEqual([]);
    // and every reference to an ephemeral value sits in a write-only argument
    const text = JSON.stringify(config.resource);
    const uses = [...text.matchAll(/"([a-z_]+)":"\$\{ephemeral\.[^"]*"/g)].map((m) => m[1]);
    expect(uses.length).toBeGreaterThan(0);
    for (const argument of uses) expect(argument).toMatch(/_wo$/);
  });
});
