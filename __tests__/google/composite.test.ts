/**
 * `MathesarOnGoogleCloud`: how the blocks are wired — the deletion guard, the contract outputs, and the
 * choices fixed at synth time (runtime, VM edge, existing database).
 */
import { GOOGLE_DELETION_PROTECTION_MESSAGE } from "../../modules/google";
import { synthGoogle, synthGoogleWith, type TerraformJson } from "../support/synth";

type Props = Parameters<typeof synthGoogle>[0];
const EXISTING_DB = {
  host: "db.internal.example.org",
  port: 6432,
  databaseName: "mathesar_lab",
  user: "lab",
  passwordSecretId: "lab-db-password",
};
const guard = (props: Props = {}) => synthGoogle(props).resource.terraform_data?.deletion_guard;
const output = (config: TerraformJson, name: string) => config.output[name].value;

/** Resource types of the HTTPS load balancer. */
const LOAD_BALANCER_TYPES = [
  "google_compute_backend_service",
  "google_compute_url_map",
  "google_compute_target_https_proxy",
  "google_compute_target_http_proxy",
  "google_compute_global_forwarding_rule",
  "google_compute_managed_ssl_certificate",
  "google_compute_ssl_policy",
  "google_compute_region_network_endpoint_group",
  "google_compute_health_check",
];

describe("deletion guard", () => {
  test("depends on the database, every secret and its value, the service, the uploads and the network", () => {
    // GIVEN the default deployment (managed database, Cloud Run)
    const g = guard();
    // THEN Terraform must destroy the guard (which refuses) before any of them
    expect(g.depends_on).toEqual(
      expect.arrayContaining([
        "google_sql_database_instance.this",
        "google_secret_manager_secret.database_password",
        "google_secret_manager_secret.secret_key",
        "google_secret_manager_secret.admin_password",
        "google_secret_manager_secret_version.secret_key",
        "google_secret_manager_secret_version.admin_password",
        "google_secret_manager_secret_version.database_password",
        "google_cloud_run_v2_service.this",
        "google_storage_bucket.media",
        "google_compute_network.this",
      ]),
    );
    expect(g.input).toEqual({ protected: true });
  });

  test("refuses destroy with the message while protected, and is replaced with the instance or the SECRET_KEY", () => {
    const g = guard();
    expect(g.provisioner[0]["local-exec"]).toMatchObject({ when: "destroy" });
    expect(g.provisioner[0]["local-exec"].command).toContain("exit 1");
    expect(g.provisioner[0]["local-exec"].command).toContain(GOOGLE_DELETION_PROTECTION_MESSAGE.slice(0, 40));
    expect(g.triggers_replace).toEqual({
      ids: [
        "${google_sql_database_instance.this.service_account_email_address}",
        "${google_secret_manager_secret.secret_key.create_time}",
      ],
    });
  });

  test("with the VM runtime it protects the VM and its data disk instead of Cloud Run", () => {
    const dependsOn = guard({ runtime: "vm" }).depends_on as string[];
    expect(dependsOn).toEqual(
      expect.arrayContaining(["google_compute_instance.mathesar", "google_compute_disk.mathesar_data"]),
    );
    expect(dependsOn.filter((d) => d.startsWith("google_cloud_run"))).toEqual([]);
  });

  test("is switched off by deletionProtection false, and stays in place", () => {
    expect(guard({ database: { managed: { deletionProtection: false } } }).input).toEqual({ protected: false });
  });

  test("with an existing database it still keeps SECRET_KEY (it decrypts what Mathesar saved there), replaced with that key", () => {
    // GIVEN an existing database and no deletion setting
    const config = synthGoogle({ database: { existing: EXISTING_DB } });
    const g = config.resource.terraform_data.deletion_guard;
    // THEN the guard is on and Terraform must destroy it (it refuses) before the key's secret and its value
    expect(g.input).toEqual({ protected: true });
    expect(g.depends_on).toEqual(
      expect.arrayContaining([
        "google_secret_manager_secret.secret_key",
        "google_secret_manager_secret_version.secret_key",
      ]),
    );
    expect(g.triggers_replace).toEqual({ ids: ["${google_secret_manager_secret.secret_key.create_time}"] });
    expect(g.provisioner[0]["local-exec"].command).toContain("SECRET_KEY");
    // AND the stateless service and the transient uploads still do not refuse a destroy
    expect(config.resource.google_cloud_run_v2_service.this.deletion_protection).toBe(false);
    expect(config.resource.google_storage_bucket.media.force_destroy).toBe(true);
  });

  test("deletionProtection false switches it off with an existing database too; a contradicting database.managed setting is refused", () => {
    expect(guard({ deletionProtection: false, database: { existing: EXISTING_DB } }).input).toEqual({
      protected: false,
    });
    expect(guard({ deletionProtection: false }).input).toEqual({ protected: false });
    expect(() =>
      synthGoogle({ deletionProtection: true, database: { managed: { deletionProtection: false } } }),
    ).toThrow(/Invalid database\.managed\.deletionProtection false with deletionProtection true/);
  });
});

describe("outputs", () => {
  test("the contract outputs: url, admin username, where the admin password is, database endpoint, logs", () => {
    // GIVEN the default deployment
    const config = synthGoogle();
    // THEN each output says where things are
    expect(output(config, "url")).toBe("https://mathesar.example.org/");
    expect(output(config, "admin_username")).toBe("admin");
    expect(output(config, "admin_password_location")).toBe("${google_secret_manager_secret.admin_password.name}");
    expect(output(config, "database_endpoint")).toBe("${google_sql_database_instance.this.private_ip_address}:5432");
    expect(output(config, "logs")).toMatch(
      /^https:\/\/console\.cloud\.google\.com\/logs\/query;.*project=lab-project-123$/,
    );
    expect(decodeURIComponent(output(config, "logs"))).toContain('resource.labels.service_name="mathesar"');
  });

  test("the admin username is empty when the first admin is not created", () => {
    expect(output(synthGoogle({ admin: { enabled: false } }), "admin_username")).toBe("");
  });

  test("ip_address is the load balancer's by default", () => {
    expect(output(synthGoogle(), "ip_address")).toBe("${google_compute_global_address.this.address}");
  });

  test("the construct exposes the same values to TypeScript users", () => {
    const { mathesar } = synthGoogleWith(() => ({}));
    expect(mathesar.outputs.url).toBe("https://mathesar.example.org/");
    expect(mathesar.cloudRun?.service).toBeDefined();
    expect(mathesar.database?.instance).toBeDefined();
    expect(mathesar.vm).toBeUndefined();
  });
});

describe("runtime vm", () => {
  test("no Cloud Run resources at all", () => {
    // GIVEN the VM runtime
    const config = synthGoogle({ runtime: "vm" });
    // THEN no Cloud Run service, bucket or Cloud Run identity, and the load balancer fronts the instance group
    expect(Object.keys(config.resource).filter((type) => type.startsWith("google_cloud_run"))).toEqual([]);
    expect(config.resource.google_storage_bucket).toBeUndefined();
    expect(config.resource.google_service_account.cloud_run).toBeUndefined();
    expect(config.resource.google_compute_backend_service.this.backend).toEqual([
      { group: "${google_compute_instance_group.mathesar.self_link}" },
    ]);
    expect(decodeURIComponent(output(config, "logs"))).toContain('resource.type="gce_instance"');
  });

  test("vm edge caddy: no load balancer, and ip_address is the VM's", () => {
    // GIVEN the VM with Caddy doing TLS
    const config = synthGoogle({ runtime: "vm", vm: { edge: "caddy" } });
    // THEN nothing of the load balancer exists (only Private Service Access's internal range remains)
    expect(Object.keys(config.resource).filter((type) => LOAD_BALANCER_TYPES.includes(type))).toEqual([]);
    expect(Object.keys(config.resource.google_compute_global_address)).toEqual(["private_services"]);
    expect(output(config, "ip_address")).toBe("${google_compute_address.vm.address}");
  });

  test("vm edge caddy with dnsZone: the A record points at the VM", () => {
    // GIVEN Caddy, which needs the name to resolve before it can obtain a certificate
    const config = synthGoogle({ runtime: "vm", vm: { edge: "caddy" }, dnsZone: "lab-example-org" });
    // THEN the record the prop promises exists, at the VM's address (named as in the published module)
    expect(config.resource.google_dns_record_set.caddy).toMatchObject({
      managed_zone: "lab-example-org",
      name: "mathesar.example.org.",
      type: "A",
      rrdatas: ["${google_compute_address.vm.address}"],
    });
  });
});

describe("existing database", () => {
  test("no Cloud SQL, and the connection comes from the props", () => {
    // GIVEN an existing database
    const config = synthGoogle({ database: { existing: EXISTING_DB } });
    const env = Object.fromEntries(
      (
        config.resource.google_cloud_run_v2_service.this.template.containers[0].env as Array<{
          name: string;
          value?: string;
        }>
      ).map((e) => [e.name, e.value]),
    );
    // THEN Mathesar connects there, with require as the default sslmode
    expect(Object.keys(config.resource).filter((type) => type.startsWith("google_sql_"))).toEqual([]);
    expect(env).toMatchObject({
      POSTGRES_HOST: "db.internal.example.org",
      POSTGRES_PORT: "6432",
      POSTGRES_DB: "mathesar_lab",
      POSTGRES_USER: "lab",
      POSTGRES_SSLMODE: "require",
    });
    expect(output(config, "database_endpoint")).toBe("db.internal.example.org:6432");
  });

  test("the password secret is the given id", () => {
    const config = synthGoogle({ database: { existing: EXISTING_DB } });
    const password = (
      config.resource.google_cloud_run_v2_service.this.template.containers[0].env as Array<{
        name: string;
        value_source?: TerraformJson;
      }>
    ).find((e) => e.name === "POSTGRES_PASSWORD");
    expect(password?.value_source).toEqual({ secret_key_ref: { secret: "lab-db-password", version: "latest" } });
    expect(config.resource.google_secret_manager_secret.database_password).toBeUndefined();
  });
});

test("tags become labels beside application=mathesar", () => {
  const { resource } = synthGoogle({ tags: { team: "data-lab" } });
  const labels = { application: "mathesar", team: "data-lab" };
  expect(resource.google_sql_database_instance.this.settings.user_labels).toEqual(labels);
  expect(resource.google_cloud_run_v2_service.this.labels).toEqual(labels);
  expect(resource.google_secret_manager_secret.secret_key.labels).toEqual(labels);
});

describe("the VM's zone", () => {
  test("is the region's first zone that is up when none is given (not every region has a zone a), pinned once", () => {
    const config = synthGoogle({ runtime: "vm" });
    expect(config.data.google_compute_zones.available).toEqual(
      expect.objectContaining({ region: "us-central1", status: "UP" }),
    );
    // THEN the zone read at creation is kept in state: a zone that is down at a later plan moves nothing
    // (the VM and its data disk would be replaced, empty, in another zone); a new project or region re-reads it
    expect(config.resource.terraform_data.vm_zone).toEqual({
      input: "${element(data.google_compute_zones.available.names, 0)}",
      triggers_replace: { project: "lab-project-123", region: "us-central1" },
      lifecycle: { ignore_changes: ["input"] },
    });
    for (const type of ["google_compute_instance", "google_compute_disk"]) {
      expect(Object.values(config.resource[type] as Record<string, { zone: string }>).map((r) => r.zone)).toEqual([
        "${terraform_data.vm_zone.output}",
      ]);
    }
  });

  test("is vm.zone when given, with no zone lookup", () => {
    const config = synthGoogle({ runtime: "vm", vm: { zone: "us-central1-b" } });
    expect(config.data?.google_compute_zones).toBeUndefined();
    expect(config.resource.google_compute_instance.mathesar.zone).toBe("us-central1-b");
  });
});

test("the VM waits for the secret versions (and so the database user) before its first boot, as Cloud Run does", () => {
  const dependsOn = synthGoogle({ runtime: "vm" }).resource.google_compute_instance.mathesar.depends_on as string[];
  expect(dependsOn).toEqual(
    expect.arrayContaining([
      "google_secret_manager_secret_version.secret_key",
      "google_secret_manager_secret_version.admin_password",
      "google_secret_manager_secret_version.database_password",
    ]),
  );
});
