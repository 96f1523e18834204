/**
 * Terraform cannot load the google provider on these machines, so the structural checks stand in for
 * `terraform validate` here (docs/architecture.md, "Verification ladder, as built": structure): every reference of every Google Cloud
 * configuration resolves, the module calls match the submodules, the modules are shaped as modules, the
 * examples parse and call the module with declared variables, and the deployable stacks are pinned.
 */
import {
  checkDeployableStack,
  checkExample,
  checkModuleCalls,
  checkModuleShape,
  checkReferences,
} from "../support/structure";
import { googleModuleBundle } from "../../stacks/google/dist";
import { GOOGLE_SYNTH_DEFAULTS, renderGoogleModule, renderModuleFiles, synthGoogle } from "../support/synth";
import type { MathesarOnGoogleCloudProps } from "../../modules/google";

const LEAKS = /<unresolved-token>|TfToken\[/;

const rendered = renderGoogleModule();
const folders = Object.keys(rendered.modules).sort();
const submoduleFolders = folders.filter((folder) => folder.startsWith("modules/"));

describe("dist/terraform-google-mathesar", () => {
  test("has a root and a submodule per building block", () => {
    // GIVEN the rendered bundle THEN every block is its own module
    expect(folders).toEqual([
      "",
      "modules/cloud-run",
      "modules/database",
      "modules/edge",
      "modules/network",
      "modules/secrets",
      "modules/vm",
    ]);
  });

  test.each(folders)("module shape of %s", (folder) => {
    expect(checkModuleShape(rendered.modules[folder])).toEqual([]);
  });

  test.each(folders)("every reference in %s resolves", (folder) => {
    expect(checkReferences(rendered.modules[folder])).toEqual([]);
  });

  test("the root calls every submodule it ships, and every call matches the submodule's variables and outputs", () => {
    const sources = Object.values(rendered.modules[""].module ?? {}).map((call) =>
      (call as { source: string }).source.replace(/^\.\//, ""),
    );
    expect(sources.sort()).toEqual([...submoduleFolders].sort());
    expect(
      checkModuleCalls(rendered.modules[""], Object.fromEntries(submoduleFolders.map((f) => [f, rendered.modules[f]]))),
    ).toEqual([]);
  });

  test("the examples the issue asks for are there", () => {
    expect(Object.keys(rendered.examples).sort()).toEqual([
      "examples/cloud-run-existing-cloud-sql",
      "examples/cloud-run-iap",
      "examples/minimal",
      "examples/vm",
    ]);
  });

  test.each(Object.keys(rendered.examples).sort())(
    "%s parses and calls the module with declared variables",
    async (folder) => {
      expect(await checkExample(rendered.examples[folder], rendered.modules[""], `${folder}/main.tf`)).toEqual([]);
    },
  );

  test("no file carries an unresolved cdktf token", async () => {
    expect(
      Object.entries(await renderModuleFiles(googleModuleBundle()))
        .filter(([, content]) => LEAKS.test(content))
        .map(([file]) => file),
    ).toEqual([]);
  });

  test("generated secrets are ephemeral in every module that creates one: no random_password resource anywhere", () => {
    for (const folder of folders)
      expect(Object.keys(rendered.modules[folder].resource?.random_password ?? {})).toEqual([]);
    expect(Object.keys(rendered.modules["modules/secrets"].ephemeral.random_password).sort()).toEqual([
      "admin_password",
      "secret_key",
    ]);
    expect(Object.keys(rendered.modules["modules/database"].ephemeral.random_password)).toEqual(["database_password"]);
  });
});

const deployments: Array<[string, Partial<MathesarOnGoogleCloudProps>]> = [
  ["Cloud Run defaults", {}],
  [
    "Cloud Run with IAP, Cloud Armor, Cloud DNS and SSO",
    {
      iap: { members: ["group:lab@example.org"] },
      cloudArmor: { allowedIpRanges: ["192.0.2.0/24"] },
      dnsZone: "example-org",
      sso: { configSecretId: "mathesar-sso", requireSsoLogin: true },
    },
  ],
  ["Cloud Run, large", { size: "large" }],
  [
    "existing network and existing database",
    {
      network: {
        existing: {
          networkId: "projects/lab-project-123/global/networks/lab",
          subnetworkId: "projects/lab-project-123/regions/us-central1/subnetworks/lab",
        },
      },
      database: { existing: { host: "10.20.0.3", passwordSecretId: "mathesar-db-password" } },
    },
  ],
  ["VM behind the load balancer", { runtime: "vm" }],
  ["VM with Caddy", { runtime: "vm", vm: { edge: "caddy", acmeEmail: "it@example.org" } }],
];

describe.each(deployments)("the deployable stack: %s", (_name, props) => {
  const config = synthGoogle(props);

  test("every reference resolves", () => {
    expect(checkReferences(config)).toEqual([]);
  });

  test("providers are pinned and no machine-specific path is in it", () => {
    expect(checkDeployableStack(config)).toEqual([]);
  });

  test("no unresolved cdktf token", () => {
    expect(JSON.stringify(config)).not.toMatch(LEAKS);
  });
});

test("the deployable stack with placeholders refuses to plan, naming the settings to give", () => {
  // GIVEN no MATHESAR_GOOGLE_PROJECT / MATHESAR_DOMAIN_NAME
  const { googlePropsFromEnv } = jest.requireActual(
    "../../stacks/google/deploy-stack",
  ) as typeof import("../../stacks/google/deploy-stack");
  const config = synthGoogle(googlePropsFromEnv("cloud_run", {}));
  // THEN a precondition that fails for the placeholders stops the plan before anything is created; it refers
  // to a local (Terraform refuses a condition that refers to nothing, such as "${false}", already at init)
  const precondition = config.resource.google_secret_manager_secret.secret_key.lifecycle.precondition[0];
  expect(precondition.condition).not.toBe("${false}");
  expect(precondition.condition).toMatch(/local\.placeholder_settings\.project != "my-mathesar-project"/);
  expect(config.locals.placeholder_settings).toEqual({
    project: "my-mathesar-project",
    domain_name: "mathesar.example.com",
  });
  expect(precondition.error_message).toMatch(/Set MATHESAR_GOOGLE_PROJECT and MATHESAR_DOMAIN_NAME/);
  // AND real settings have no such precondition
  expect(
    synthGoogle({ ...GOOGLE_SYNTH_DEFAULTS }).resource.google_secret_manager_secret.secret_key.lifecycle,
  ).toBeUndefined();
});

test("MATHESAR_DELETION_PROTECTION=false reaches Cloud SQL, Cloud Run and the guard; unset keeps all on", () => {
  const { googlePropsFromEnv } = jest.requireActual(
    "../../stacks/google/deploy-stack",
  ) as typeof import("../../stacks/google/deploy-stack");
  const env = {
    MATHESAR_GOOGLE_PROJECT: GOOGLE_SYNTH_DEFAULTS.project,
    MATHESAR_DOMAIN_NAME: GOOGLE_SYNTH_DEFAULTS.domainName,
  };
  const off = synthGoogle(googlePropsFromEnv("cloud_run", { ...env, MATHESAR_DELETION_PROTECTION: "false" })).resource;
  expect([
    off.google_sql_database_instance.this.deletion_protection,
    off.google_cloud_run_v2_service.this.deletion_protection,
    off.terraform_data.deletion_guard.input.protected,
  ]).toEqual([false, false, false]);
  const on = synthGoogle(googlePropsFromEnv("cloud_run", env)).resource;
  expect([
    on.google_sql_database_instance.this.deletion_protection,
    on.google_cloud_run_v2_service.this.deletion_protection,
    on.terraform_data.deletion_guard.input.protected,
  ]).toEqual([true, true, true]);
});

describe("the root module's wiring Terraform cannot check here", () => {
  const root = rendered.modules[""];

  test("Cloud Run and the VM wait for the secrets and the database module (their `latest` versions must exist first)", () => {
    for (const name of ["cloud_run", "vm"])
      expect(root.module[name].depends_on).toEqual(["module.secrets", "module.database"]);
  });

  test("a VM with Caddy gets its A record from the root; behind the load balancer the edge writes it", () => {
    const record = root.resource.google_dns_record_set.caddy;
    expect(record.count).toBe(
      '${((var.dns_zone != null) && !((var.runtime == "cloud_run") || !(var.vm_edge == "caddy"))) ? 1 : 0}',
    );
    expect(record.rrdatas).toEqual(["${one(module.vm[*].ip_address)}"]);
    expect(root.module.edge.dns_zone).toBe("${var.dns_zone}");
  });

  test("the deletion guard exists with an existing database too (SECRET_KEY), switched by deletion_protection", () => {
    const guard = root.resource.terraform_data.deletion_guard;
    expect(guard.count).toBeUndefined();
    expect(guard.input).toEqual({ protected: "${var.deletion_protection}" });
    expect(guard.depends_on).toContain("module.secrets");
    // The instance's service account only with a managed database; SECRET_KEY's creation time always.
    expect(guard.triggers_replace.ids).toBe(
      "${concat(!(var.existing_database != null) ? [one(module.database[*].instance_service_account)] : [], [module.secrets.secret_key_created])}",
    );
  });

  test("the VM's Cloud NAT follows vm_cloud_nat", () => {
    expect(root.module.vm.create_cloud_nat).toBe("${var.vm_cloud_nat}");
  });
});

describe("plan-time knowledge the published module needs", () => {
  const edge = rendered.modules["modules/edge"];
  const root = rendered.modules[""];

  test("the edge's counts follow a plain flag, not the instance group's self link (unknown until the group exists)", () => {
    expect(edge.resource.google_compute_region_network_endpoint_group.cloud_run.count).toBe(
      "${!var.backend_use_instance_group ? 1 : 0}",
    );
    expect(edge.resource.google_compute_health_check.vm.count).toBe("${var.backend_use_instance_group ? 1 : 0}");
    expect(root.module.edge.backend_use_instance_group).toBe('${!(var.runtime == "cloud_run")}');
  });

  test("the VM's zone defaults to the region's first zone that is up, read only when needed", () => {
    expect(root.data.google_compute_zones.available.count).toBe(
      '${(!(var.runtime == "cloud_run") && !(var.vm_zone != null)) ? 1 : 0}',
    );
    expect(root.data.google_compute_zones.available.status).toBe("UP");
    // pinned at creation (Terraform applies the pin over several runs in google-expressions.test.ts)
    expect(root.resource.terraform_data.vm_zone).toMatchObject({
      count: root.data.google_compute_zones.available.count,
      lifecycle: { ignore_changes: ["input"] },
    });
    expect(root.module.vm.zone).toBe("${(var.vm_zone != null) ? var.vm_zone : one(terraform_data.vm_zone[*].output)}");
  });
});
