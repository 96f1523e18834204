/**
 * The contract's runtime guarantees, checked over a file-based artifact (one-click template, package,
 * image) rather than a Terraform configuration: the same promises the conformance suite checks for the
 * Terraform targets (__tests__/conformance), stated for what these artifacts are made of.
 */
import { ADMIN_ENV, MATHESAR_VERSION_RULE, SECRET_ENV_NAMES } from "../../modules/mathesar";

/** How an artifact runs Mathesar, as its test reads it from the generated files. */
export interface ArtifactView {
  /** For messages. */
  readonly name: string;
  /** The Mathesar version the artifact pins by default. */
  readonly version: string;
  /** The image reference with that version substituted (or the version the package bundles). */
  readonly image: string;
  /**
   * The environment Mathesar starts with: a value is a literal, or a reference the platform or a script fills
   * in at install/start (`isReference` says which).
   */
  readonly env: Readonly<Record<string, string>>;
  /** Whether a value is filled in at install or start time (a variable, a generated value), not a literal. */
  isReference(value: string): boolean;
  /** Names of secrets generated at first start instead of passed in the environment (e.g. SECRET_KEY to a file). */
  readonly generatedSecrets: readonly string[];
  /** Whether the first admin is created before the web process listens (what the artifact does, in order). */
  readonly adminBeforeWeb: boolean;
  /** Whether the database is reached over a network the artifact does not own (then sslmode must be >= require). */
  readonly externalDatabase: boolean;
}

const VERIFIED = ["require", "verify-ca", "verify-full"];

/** Every way the artifact breaks the contract; empty when it conforms. */
export function conformanceProblems(view: ArtifactView): string[] {
  const problems: string[] = [];
  const { env } = view;
  if (!MATHESAR_VERSION_RULE.test(view.version)) problems.push(`version ${JSON.stringify(view.version)} is not pinned`);
  if (!view.image.endsWith(`:${view.version}`) || /:latest$/.test(view.image) || !view.image.includes(":"))
    problems.push(`image ${view.image} is not pinned to ${view.version}`);
  for (const key of ["POSTGRES_DB", "POSTGRES_USER", "POSTGRES_HOST"]) {
    if ((env[key] ?? "").trim() === "") problems.push(`${key} is not set`);
  }
  for (const name of SECRET_ENV_NAMES) {
    const value = env[name];
    if (value !== undefined && !view.isReference(value)) problems.push(`${name} is a literal`);
  }
  for (const name of ["POSTGRES_PASSWORD", "SECRET_KEY"]) {
    if (env[name] === undefined && !view.generatedSecrets.includes(name))
      problems.push(`${name} is neither given nor generated`);
  }
  if (!view.adminBeforeWeb)
    problems.push("the web process may answer before an admin exists (/complete_installation/ is claimable)");
  if ((env[ADMIN_ENV.username] ?? "").trim() === "")
    problems.push(`${ADMIN_ENV.username} is empty: no admin is created`);
  if (view.externalDatabase) {
    for (const key of ["PGSSLMODE", "POSTGRES_SSLMODE"]) {
      if (!VERIFIED.includes(env[key] ?? "")) problems.push(`${key} is ${JSON.stringify(env[key])}, below require`);
    }
  }
  return problems;
}

/** Tests every artifact shares: it conforms, and each broken variant of it is caught (so the check can fail). */
export function describeConformance(view: ArtifactView): void {
  describe(`${view.name} conforms to the Mathesar contract`, () => {
    test("pinned image, POSTGRES_* set, secrets never literal, admin before web, sslmode", () => {
      expect(conformanceProblems(view)).toEqual([]);
    });

    const broken: Array<[string, Partial<ArtifactView>]> = [
      ["latest image", { version: "latest", image: "mathesar/mathesar:latest" }],
      ["no POSTGRES_HOST", { env: { ...view.env, POSTGRES_HOST: "" } }],
      ["a literal database password", { env: { ...view.env, POSTGRES_PASSWORD: "hunter2hunter2" } }],
      ["web before admin", { adminBeforeWeb: false }],
      ["no admin username", { env: { ...view.env, [ADMIN_ENV.username]: "" } }],
      ["an external database without TLS", { externalDatabase: true, env: { ...view.env, PGSSLMODE: "prefer" } }],
    ];
    test.each(broken)("the check catches %s", (_label, change) => {
      expect(conformanceProblems({ ...view, ...change })).not.toEqual([]);
    });
  });
}
