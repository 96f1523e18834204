/**
 * Bad values are refused before anything is rendered, with a message that says what to do: by
 * values.schema.json (what users meet), and again by the templates' `fail` checks when schema validation is
 * skipped (`--skip-schema-validation`, or tools that ignore the schema). The schema's patterns and lists are
 * also checked against the contract's own rules (modules/mathesar/inputs.ts), without helm.
 */
import * as fs from "fs";
import * as path from "path";
import {
  ADMIN_USERNAME_RULE,
  DATABASE_HOST_RULE,
  DATABASE_LOGIN_RULE,
  DOMAIN_NAME_RULE,
  IMAGE_REPOSITORY_RULE,
  MATHESAR_VERSION_RULE,
  OPTIONAL_EMAIL_RULE,
  POSTGRES_IDENTIFIER_RULE,
  SSL_MODES_WITH_CA,
} from "../../modules/mathesar/inputs";
import { MATHESAR_SIZES } from "../../modules/mathesar/sizes";
import type { InputRule } from "../../modules/terraform/input-rule";
import { CHART_DIR, HELM, helmLint, helmTemplate } from "../support/helm";
import { describeWithTool } from "../support/tools";
import { DB_HOST, POOLER_USER } from "./matrix";

const host = { database: { host: DB_HOST } };

interface Rejection {
  readonly name: string;
  readonly values: Record<string, unknown>;
  /** What helm prints from the schema. */
  readonly schema: RegExp[];
  /** What the templates print with --skip-schema-validation: every rejection has a template `fail` behind it. */
  readonly template: RegExp;
}

const POOLER_ADMIN_REASON = new RegExp(
  String.raw`database\.user with a dot \(a pooler login such as mathesar\.<project-ref> for the Supabase session pooler\) ` +
    String.raw`cannot be used with database\.adminExistingSecret: the bootstrap would create a role literally named with the dot`,
);

const RWX_REASON =
  /needs persistence\.enabled=true with persistence\.accessMode=ReadWriteMany: a CSV import is uploaded in one request and read back in the next/;

const REJECTIONS: readonly Rejection[] = [
  {
    name: 'a wrong type (replicaCount: "two")',
    values: { ...host, replicaCount: "two" },
    schema: [/at '\/replicaCount': got string, want integer/],
    template: /value replicaCount = "two" is refused: it is of type string, expected integer/,
  },
  {
    name: 'a wrong type (database.port: "5432x")',
    values: { database: { host: DB_HOST, port: "5432x" } },
    schema: [/at '\/database\/port': got string, want integer/],
    template: /value database\.port = "5432x" is refused: it is of type string, expected integer/,
  },
  {
    name: "image.tag latest",
    values: { ...host, image: { tag: "latest" } },
    schema: [
      /image\.tag must be a pinned Mathesar version such as 0\.11\.0, never latest/,
      /at '\/image\/tag': 'latest' does not match pattern/,
    ],
    template: /image\.tag must be a pinned Mathesar version such as 0\.11\.0, never latest/,
  },
  {
    name: "no database host and no in-cluster database",
    values: {},
    schema: [/database\.host is required: set it to your PostgreSQL server, or set postgresql\.enabled=true/],
    template: /database\.host is required: set it to your PostgreSQL server \(or set postgresql\.enabled=true/,
  },
  {
    name: "both an external host and the in-cluster database",
    values: { ...host, postgresql: { enabled: true } },
    schema: [/database\.host must be empty when postgresql\.enabled=true/],
    template: /database\.host must be empty when postgresql\.enabled=true/,
  },
  {
    name: "replicaCount > 1 with ReadWriteOnce uploads",
    values: { ...host, replicaCount: 2 },
    schema: [/replicaCount > 1/, RWX_REASON, /at '\/persistence\/accessMode': value must be 'ReadWriteMany'/],
    template: /replicaCount > 1 needs persistence\.enabled=true with persistence\.accessMode=ReadWriteMany/,
  },
  {
    name: "replicaCount > 1 with uploads on an emptyDir",
    values: { ...host, replicaCount: 3, persistence: { enabled: false, accessMode: "ReadWriteMany" } },
    schema: [/replicaCount > 1/, RWX_REASON],
    template: /replicaCount > 1 needs persistence\.enabled=true/,
  },
  {
    name: "autoscaling with ReadWriteOnce uploads",
    values: { ...host, autoscaling: { enabled: true } },
    schema: [/autoscaling\.enabled needs/, RWX_REASON],
    template: /autoscaling\.enabled needs persistence\.enabled=true with persistence\.accessMode=ReadWriteMany/,
  },
  {
    name: "sslMode verify-full without the server's CA",
    values: { database: { host: DB_HOST, sslMode: "verify-full" } },
    schema: [/verify-ca and verify-full need database\.caCertificate\.configMap or \.secret/],
    template: /database\.sslMode verify-full needs database\.caCertificate\.configMap or \.secret/,
  },
  {
    name: "an unknown size",
    values: { ...host, size: "huge" },
    schema: [/at '\/size': value must be one of 'small', 'medium', 'large'/],
    template: /size "huge" is not one of small, medium, large/,
  },
  {
    name: "ingress enabled without a host",
    values: { ...host, ingress: { enabled: true } },
    schema: [/ingress\.enabled=true needs ingress\.host/],
    template: /ingress\.enabled=true needs ingress\.host/,
  },
  {
    name: "a misspelt value (ingres.host)",
    values: { ...host, ingres: { host: "x.example.org" } },
    schema: [/additional properties 'ingres' not allowed/],
    template:
      /value ingres = \{"host":"x\.example\.org"\} is refused: ingres is not a value of this chart \(a typo\?\)/,
  },
  {
    name: "a secret as a plain extra variable",
    values: { ...host, extraEnv: [{ name: "SECRET_KEY", value: "x".repeat(60) }] },
    schema: [
      /SECRET_KEY.* are set by the chart itself; set the chart value instead/,
      /a variable whose name looks secret .* must come from valueFrom\.secretKeyRef, never a plain value/,
    ],
    template: /extraEnv\[0\] \(SECRET_KEY\) is refused: the chart sets SECRET_KEY itself/,
  },
  {
    name: "a startup grace period below the contract's 300 s",
    values: { ...host, startupGraceSeconds: 60 },
    schema: [/at '\/startupGraceSeconds': minimum: got 60, want 300/],
    template: /startupGraceSeconds must be at least 300/,
  },
  {
    name: "a pooler login with a dot together with adminExistingSecret (the bootstrap would create the dotted role)",
    values: { database: { host: DB_HOST, user: POOLER_USER, adminExistingSecret: "pg-admin" } },
    schema: [POOLER_ADMIN_REASON],
    template: new RegExp(
      `database\\.user "${POOLER_USER.replace(".", "\\.")}" contains a dot \\(a pooler login such as ` +
        `mathesar\\.<project-ref> for the Supabase session pooler\\) and cannot be used with ` +
        `database\\.adminExistingSecret: the bootstrap would create a role literally named "${POOLER_USER.replace(".", "\\.")}"`,
    ),
  },
  {
    name: "a database user that starts with a dot",
    values: { database: { host: DB_HOST, user: ".mathesar" } },
    schema: [/at '\/database\/user': '\.mathesar' does not match pattern/],
    template: /value database\.user = "\.mathesar" is refused: it does not match/,
  },
  {
    name: "a database name that is not a PostgreSQL identifier",
    values: { database: { host: DB_HOST, name: "Mathesar-DB" } },
    schema: [/at '\/database\/name': 'Mathesar-DB' does not match pattern/],
    template: /value database\.name = "Mathesar-DB" is refused: it does not match/,
  },
];

describeWithTool("helm", HELM !== undefined, "values.schema.json rejects bad values with a clear message", () => {
  test.each(REJECTIONS.map((r) => [r.name, r] as const))("%s", (_name, rejection) => {
    const result = helmTemplate(rejection.values);
    expect(result.status).not.toBe(0);
    expect(result.stderr).toContain("values don't meet the specifications of the schema");
    for (const message of rejection.schema) expect(result.stderr).toMatch(message);
  });

  test.each(REJECTIONS.map((r) => [r.name, r] as const))(
    "the templates refuse it too when the schema is skipped: %s",
    (_name, rejection) => {
      const result = helmTemplate(rejection.values, ["--skip-schema-validation"]);
      expect(result.status).not.toBe(0);
      expect(result.stderr).not.toContain("values don't meet the specifications of the schema");
      expect(result.stderr).toMatch(rejection.template);
    },
  );

  test("helm lint reports the same reason", () => {
    const result = helmLint({ ...host, replicaCount: 2 });
    expect(result.status).not.toBe(0);
    expect(result.stdout + result.stderr).toMatch(RWX_REASON);
  });

  test("accepted edge values: ReadWriteMany with two replicas, a Unix-socket host, an explicit pinned tag, prefer", () => {
    for (const values of [
      { ...host, replicaCount: 2, persistence: { accessMode: "ReadWriteMany" } },
      { database: { host: "/cloudsql/project:region:instance", sslMode: "disable" } },
      { ...host, image: { tag: "0.10.1" } },
      { database: { host: DB_HOST, sslMode: "prefer" } },
      // Supabase's session pooler: a login with a dot, with its password Secret and no admin Secret.
      { database: { host: DB_HOST, user: POOLER_USER, existingSecret: "mathesar-db" } },
      // The dotted login is refused only with adminExistingSecret; a plain role with it is fine.
      { database: { host: DB_HOST, user: "mathesar_app", adminExistingSecret: "pg-admin" } },
      {
        ...host,
        extraEnv: [
          { name: "FILE_STORAGE_DICT", valueFrom: { secretKeyRef: { name: "s", key: "k" } } },
          { name: "MEDIA_ROOT", value: "/code/.media" },
        ],
      },
    ]) {
      const result = helmTemplate(values);
      expect({ values, stderr: result.stderr, status: result.status }).toEqual({ values, stderr: "", status: 0 });
    }
  });
});

describe("values.schema.json agrees with the contract's rules (modules/mathesar/inputs.ts)", () => {
  const schema = JSON.parse(fs.readFileSync(path.join(CHART_DIR, "values.schema.json"), "utf8"));
  const property = (...keys: string[]) => keys.reduce((node, key) => node.properties[key], schema);
  const pattern = (...keys: string[]) => new RegExp(property(...keys).pattern);

  test("draft-07, with no unknown values allowed at the top level", () => {
    expect(schema.$schema).toBe("http://json-schema.org/draft-07/schema#");
    expect(schema.additionalProperties).toBe(false);
  });

  test("sslMode and size list exactly the contract's values", () => {
    expect(property("database", "sslMode").enum).toEqual([...SSL_MODES_WITH_CA]);
    expect(property("size").enum).toEqual([...MATHESAR_SIZES]);
  });

  const samples: Array<[string, string[], InputRule<string>, string[]]> = [
    [
      "database.host",
      ["database", "host"],
      DATABASE_HOST_RULE,
      ["db.example.org", "10.0.0.5", "/cloudsql/p:r:i", "-bad", "bad host", "db.example.org.", "a"],
    ],
    [
      "database.name",
      ["database", "name"],
      POSTGRES_IDENTIFIER_RULE,
      ["mathesar", "_x1", "Mathesar", "1db", "a-b", "a".repeat(63), "a".repeat(64)],
    ],
    [
      "database.user",
      ["database", "user"],
      DATABASE_LOGIN_RULE,
      [
        "mathesar",
        "mathesar_app",
        POOLER_USER,
        "a.b.c",
        ".mathesar",
        "1mathesar",
        "Admin",
        "Mathesar.ref",
        "role name",
        "a-b",
        "a".repeat(63),
        "a".repeat(64),
      ],
    ],
    [
      "admin.username",
      ["admin", "username"],
      ADMIN_USERNAME_RULE,
      ["admin", "a.b+c@d-e_f", "with space", "x".repeat(63), "x".repeat(64)],
    ],
    [
      "admin.email",
      ["admin", "email"],
      OPTIONAL_EMAIL_RULE,
      ["", "admin@example.org", "admin@localhost", "not an email"],
    ],
    [
      "image.repository",
      ["image", "repository"],
      IMAGE_REPOSITORY_RULE,
      [
        "mathesar/mathesar",
        "registry.example.org:5000/mirror/mathesar",
        "Mathesar/Mathesar",
        "mathesar/mathesar:0.11.0",
      ],
    ],
    [
      "ingress.host",
      ["ingress", "host"],
      DOMAIN_NAME_RULE,
      ["mathesar.example.org", "a.b", "localhost", "Mathesar.example.org", "-x.example.org"],
    ],
  ];
  test.each(samples)("%s", (_name, keys, rule, values) => {
    const regex = pattern(...keys);
    for (const value of values) {
      // The chart may also accept "" for optional values the contract requires (the template then decides).
      if (value === "" && regex.test("")) continue;
      expect({ value, schema: regex.test(value) }).toEqual({ value, schema: rule.test(value) });
    }
  });

  test("image.tag: empty (the appVersion) or a release the contract accepts", () => {
    const regex = pattern("image", "tag");
    expect(regex.test("")).toBe(true);
    for (const tag of ["0.11.0", "0.10.1", "1.0.0-rc.1", "latest", "0.11", "develop", "v0.11.0"]) {
      expect({ tag, schema: regex.test(tag) }).toEqual({ tag, schema: MATHESAR_VERSION_RULE.test(tag) });
    }
  });
});
