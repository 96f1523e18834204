/**
 * Expressions of terraform-google-mathesar that decide what the google provider receives, evaluated by
 * Terraform itself. The provider cannot be installed here, so each expression is lifted out of the rendered
 * module, its references to provider resources replaced by stand-in values, and evaluated with Terraform's
 * own functions and type rules for each input that matters.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { renderGoogleModule } from "../support/synth";
import { describeWithTool, hasTool } from "../support/tools";

const rendered = renderGoogleModule();

/**
 * Evaluates `expression` (a `${...}` template) with the module's `variables` declared, `stand-ins` replacing
 * provider references, and `-var` values; returns the JSON-decoded value (null included).
 */
function evaluate(
  expression: string,
  variables: Record<string, unknown>,
  standIns: Record<string, string>,
  vars: Record<string, string>,
): unknown {
  let body = expression;
  for (const [reference, value] of Object.entries(standIns)) body = body.split(reference).join(value);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-google-expr-"));
  try {
    fs.writeFileSync(path.join(dir, ".terraformrc"), "");
    // A template that is one interpolation yields its value unconverted (null and lists included).
    fs.writeFileSync(
      path.join(dir, "main.tf.json"),
      JSON.stringify({
        ...(Object.keys(variables).length > 0 ? { variable: variables } : {}),
        locals: { value: body },
        output: { value: { value: "${jsonencode(local.value)}" } },
      }),
    );
    const env = {
      ...process.env,
      TF_CLI_CONFIG_FILE: path.join(dir, ".terraformrc"),
      CHECKPOINT_DISABLE: "1",
      TF_IN_AUTOMATION: "1",
    };
    const args = Object.entries(vars).flatMap(([name, value]) => ["-var", `${name}=${value}`]);
    const applied = spawnSync(
      "terraform",
      ["apply", "-auto-approve", "-input=false", "-lock=false", "-no-color", ...args],
      { cwd: dir, encoding: "utf8", env },
    );
    if (applied.status !== 0) throw new Error(`${applied.stdout}${applied.stderr}`);
    const shown = spawnSync("terraform", ["output", "-raw", "value"], { cwd: dir, encoding: "utf8", env });
    return JSON.parse(shown.stdout) as unknown;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "Terraform evaluates what terraform-google-mathesar hands the provider",
  () => {
    test("the backend service gets no health check list with Cloud Run (the provider needs at least one item, or none at all), one with the VM", () => {
      // GIVEN the edge module's health_checks expression, the health check's id stood in
      const edge = rendered.modules["modules/edge"];
      const expression = edge.resource.google_compute_backend_service.this.health_checks as string;
      const healthChecks = (useInstanceGroup: boolean) =>
        evaluate(
          expression,
          { backend_use_instance_group: edge.variable.backend_use_instance_group },
          { "one(google_compute_health_check.vm[*].id)": '"hc-id"' },
          { backend_use_instance_group: String(useInstanceGroup) },
        );
      // THEN Cloud Run (a serverless NEG) sends null — never [] — and the VM the health check
      expect(healthChecks(false)).toBeNull();
      expect(healthChecks(true)).toEqual(["hc-id"]);
    });

    test("the Cloud SQL edition follows the tier: performance-optimized tiers exist only in ENTERPRISE_PLUS", () => {
      const database = rendered.modules["modules/database"];
      const edition = (tier: string) =>
        evaluate(
          database.resource.google_sql_database_instance.this.settings.edition as string,
          { tier: database.variable.tier },
          {},
          { tier },
        );
      expect(edition("db-perf-optimized-N-2")).toBe("ENTERPRISE_PLUS");
      expect(edition("db-perf-optimized-N-8")).toBe("ENTERPRISE_PLUS");
      expect(edition("db-custom-1-3840")).toBe("ENTERPRISE");
      expect(edition("db-g1-small")).toBe("ENTERPRISE");
    });

    test("with IAP on, Cloud Run keeps its invoker check and grants it to the IAP service agent of the project's number", () => {
      const cloudRun = rendered.modules["modules/cloud-run"];
      const variables = { iap_enabled: cloudRun.variable.iap_enabled };
      const disabled = (iap: boolean) =>
        evaluate(
          cloudRun.resource.google_cloud_run_v2_service.this.invoker_iam_disabled as string,
          variables,
          {},
          { iap_enabled: String(iap) },
        );
      expect(disabled(true)).toBe(false);
      expect(disabled(false)).toBe(true);
      const member = evaluate(
        cloudRun.resource.google_cloud_run_v2_service_iam_member.iap.member as string,
        {},
        {
          "data.google_project.this[0].number": '"123456789012"',
          "one(data.google_project.this[*].number)": '"123456789012"',
        },
        {},
      );
      expect(member).toBe("serviceAccount:service-123456789012@gcp-sa-iap.iam.gserviceaccount.com");
    });
  },
);

/**
 * The VM's zone, pinned at creation: `terraform_data` needs no provider, so Terraform applies the root
 * module's pin for real, with the zones data source replaced by a variable, over several runs in one state.
 */
describeWithTool("terraform", hasTool("terraform", ["version"]), "Terraform keeps the VM's zone once chosen", () => {
  let dir: string;
  const root = rendered.modules[""];
  const env = () => ({
    ...process.env,
    TF_CLI_CONFIG_FILE: path.join(dir, ".terraformrc"),
    CHECKPOINT_DISABLE: "1",
    TF_IN_AUTOMATION: "1",
  });
  const STAND_IN = "one([var.up_zones])";

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-google-zone-"));
    fs.writeFileSync(path.join(dir, ".terraformrc"), "");
    const pin = JSON.parse(
      JSON.stringify(root.resource.terraform_data.vm_zone)
        .split("one(data.google_compute_zones.available[*].names)")
        .join(STAND_IN),
    );
    const names = ["project", "region", "runtime", "vm_zone"];
    fs.writeFileSync(
      path.join(dir, "main.tf.json"),
      JSON.stringify({
        variable: {
          ...Object.fromEntries(names.map((n) => [n, { ...root.variable[n], validation: undefined }])),
          up_zones: { type: "list(string)" },
        },
        resource: { terraform_data: { vm_zone: pin } },
        output: { zone: { value: root.module.vm.zone } },
      }),
    );
    const init = spawnSync("terraform", ["init", "-backend=false", "-input=false", "-no-color"], {
      cwd: dir,
      encoding: "utf8",
      env: env(),
    });
    if (init.status !== 0) throw new Error(init.stderr);
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const apply = (vars: Record<string, string>): string => {
    const all = { project: "lab-project-123", region: "us-central1", runtime: "vm", ...vars };
    const args = Object.entries(all).flatMap(([name, value]) => ["-var", `${name}=${value}`]);
    const applied = spawnSync(
      "terraform",
      ["apply", "-auto-approve", "-input=false", "-lock=false", "-no-color", ...args],
      { cwd: dir, encoding: "utf8", env: env() },
    );
    if (applied.status !== 0) throw new Error(`${applied.stdout}${applied.stderr}`);
    return spawnSync("terraform", ["output", "-raw", "zone"], { cwd: dir, encoding: "utf8", env: env() }).stdout;
  };

  test("the first zone that is up at creation stays the VM's zone when it is down at a later plan; a new region re-reads it; vm_zone wins", () => {
    // GIVEN a first apply while us-central1-a is up
    expect(apply({ up_zones: '["us-central1-a", "us-central1-b"]' })).toBe("us-central1-a");
    // WHEN us-central1-a is down at a later plan THEN the zone does not move (the VM and its disk stay)
    expect(apply({ up_zones: '["us-central1-b", "us-central1-c"]' })).toBe("us-central1-a");
    // WHEN the deployment moves to another region THEN the zone is chosen again there
    expect(apply({ region: "europe-west1", up_zones: '["europe-west1-b", "europe-west1-c"]' })).toBe("europe-west1-b");
    // AND an explicit vm_zone is used as given
    expect(apply({ region: "europe-west1", vm_zone: "europe-west1-d", up_zones: '["europe-west1-b"]' })).toBe(
      "europe-west1-d",
    );
  });
});
