/**
 * Cloud SQL for PostgreSQL: private IP only, encrypted connections only, backups with point-in-time
 * recovery, both deletion protections, the CIS log flags, sized from `size`.
 */
import { SqlDatabase } from "@cdktf/provider-google/lib/sql-database";
import { CLOUD_SQL_LOG_FLAGS, GOOGLE_SIZES, type GoogleManagedDatabaseProps } from "../../modules/google";
import { TerraformOutput, Testing } from "cdktf";
import { renderGoogleModule, synthGoogle, synthGoogleWith } from "../support/synth";

const instance = (managed?: GoogleManagedDatabaseProps, props: Parameters<typeof synthGoogle>[0] = {}) =>
  synthGoogle({ ...props, database: managed === undefined ? undefined : { managed } }).resource
    .google_sql_database_instance.this;

describe("version", () => {
  test("is PostgreSQL 17 by default", () => {
    expect(instance().database_version).toBe("POSTGRES_17");
  });

  test("follows database.managed.version", () => {
    expect(instance({ version: 15 }).database_version).toBe("POSTGRES_15");
  });
});

describe("network and TLS", () => {
  test("has no public IPv4 address, a private address in the VPC, and accepts only encrypted connections", () => {
    // GIVEN the default deployment
    // THEN the instance is reachable only privately, over TLS
    expect(instance().settings.ip_configuration).toEqual({
      ipv4_enabled: false,
      private_network: "${google_compute_network.this.id}",
      ssl_mode: "ENCRYPTED_ONLY",
    });
  });

  test("is created only after Private Service Access is connected", () => {
    expect(instance().depends_on).toEqual(["google_service_networking_connection.private_services"]);
  });
});

describe("backups", () => {
  test("outlive the instance: a deleted instance leaves its automated backups to restore from", () => {
    expect(instance().settings.retain_backups_on_delete).toBe(true);
  });

  test("daily backups with point-in-time recovery, 7 kept by default", () => {
    const backups = instance().settings.backup_configuration;
    expect(backups).toMatchObject({ enabled: true, point_in_time_recovery_enabled: true });
    expect(backups.backup_retention_settings).toEqual({ retained_backups: 7, retention_unit: "COUNT" });
  });

  test("retained backups follow backupRetentionDays", () => {
    expect(
      instance({ backupRetentionDays: 30 }).settings.backup_configuration.backup_retention_settings.retained_backups,
    ).toBe(30);
  });
});

describe("deletion protection", () => {
  test("Terraform's flag and the API's are both on by default", () => {
    const db = instance();
    expect(db.deletion_protection).toBe(true);
    expect(db.settings.deletion_protection_enabled).toBe(true);
  });

  test("both are off with deletionProtection false", () => {
    // GIVEN protection switched off (e.g. a throwaway evaluation)
    const db = instance({ deletionProtection: false });
    // THEN neither Terraform nor the API refuses the deletion
    expect(db.deletion_protection).toBe(false);
    expect(db.settings.deletion_protection_enabled).toBe(false);
  });
});

describe("availability", () => {
  test.each([
    ["small", "ZONAL"],
    ["medium", "ZONAL"],
    ["large", "REGIONAL"],
  ] as const)("size %s is %s", (size, availability) => {
    expect(instance(undefined, { size }).settings.availability_type).toBe(availability);
  });

  test("highAvailability makes a small instance REGIONAL, and false keeps a large one ZONAL", () => {
    expect(instance({ highAvailability: true }, { size: "small" }).settings.availability_type).toBe("REGIONAL");
    expect(instance({ highAvailability: false }, { size: "large" }).settings.availability_type).toBe("ZONAL");
  });
});

describe("tier and disk", () => {
  test.each([
    ["small", "db-custom-1-3840", 10],
    ["medium", "db-custom-2-7680", 20],
    ["large", "db-custom-4-15360", 50],
  ] as const)("size %s is %s with %i GB of SSD that grows", (size, tier, disk) => {
    const settings = instance(undefined, { size }).settings;
    expect(settings).toMatchObject({ tier, disk_size: disk, disk_type: "PD_SSD", disk_autoresize: true });
    expect(GOOGLE_SIZES[size]).toMatchObject({ sqlTier: tier, sqlDiskGb: disk });
  });

  test("tier and diskSizeGb override the size's", () => {
    const settings = instance({ tier: "db-custom-8-30720", diskSizeGb: 200 }, { size: "small" }).settings;
    expect(settings.tier).toBe("db-custom-8-30720");
    expect(settings.disk_size).toBe(200);
  });
});

describe("after Cloud SQL grows the disk on its own", () => {
  /**
   * Without the provider no plan can run here, so this stands in for "plan after a simulated growth": the
   * path Terraform ignores must be the provider schema's own path of the size, as the binding spells it.
   */
  const schemaPath = (): string => {
    // GIVEN the binding's reference to the instance's disk size
    const { mathesar } = synthGoogleWith(() => ({}));
    const stack = mathesar.node.scope as Parameters<typeof Testing.synth>[0];
    new TerraformOutput(stack, "disk_size_path", { value: mathesar.database!.instance.settings.diskSize });
    const reference = JSON.parse(Testing.synth(stack)).output.disk_size_path.value as string;
    const match = /^\$\{google_sql_database_instance\.this\.(.+)\}$/.exec(reference);
    expect(match).not.toBeNull();
    return match![1];
  };

  test(
    "the size is ignored after creation, at the provider schema's exact path, in the construct and in the " +
      "module (a smaller size would replace the instance)",
    () => {
      const path = schemaPath();
      expect(path).toBe("settings[0].disk_size");
      // THEN the deployable stack and the published database module both ignore changes to it
      expect(instance().lifecycle?.ignore_changes).toContain(path);
      expect(instance().settings.disk_autoresize).toBe(true);
      const module = renderGoogleModule().modules["modules/database"].resource.google_sql_database_instance.this;
      expect(module.lifecycle?.ignore_changes).toContain(path);
      expect(module.settings.disk_autoresize).toBe(true);
    },
  );
});

describe("edition", () => {
  test("is ENTERPRISE for the sizes' tiers and ENTERPRISE_PLUS for a performance-optimized tier (the only edition that has them)", () => {
    expect(instance().settings.edition).toBe("ENTERPRISE");
    expect(instance({ tier: "db-custom-8-30720" }).settings.edition).toBe("ENTERPRISE");
    expect(instance({ tier: "db-perf-optimized-N-2" }).settings.edition).toBe("ENTERPRISE_PLUS");
  });

  test("the published module derives it from the tier too (Terraform evaluates it in google-expressions.test.ts)", () => {
    const edition = renderGoogleModule().modules["modules/database"].resource.google_sql_database_instance.this.settings
      .edition as string;
    expect(edition).toMatch(/var\.tier/);
    expect(edition).toMatch(/ENTERPRISE_PLUS/);
  });
});

test("flags are exactly the CIS log settings and pgAudit", () => {
  expect(instance().settings.database_flags).toEqual(
    CLOUD_SQL_LOG_FLAGS.map((f) => ({ name: f.name, value: f.value })),
  );
  expect(CLOUD_SQL_LOG_FLAGS.map((f) => f.name)).toEqual(
    expect.arrayContaining(["cloudsql.enable_pgaudit", "pgaudit.log", "log_connections"]),
  );
});

test("Mathesar's internal database lives in the instance", () => {
  expect(JSON.stringify(synthGoogle())).toHaveResourceWithProperties(SqlDatabase, {
    name: "mathesar",
    instance: "${google_sql_database_instance.this.name}",
  });
});

test("an existing database means no Cloud SQL at all", () => {
  const config = synthGoogle({ database: { existing: { host: "10.1.2.3", passwordSecretId: "lab-db-password" } } });
  expect(Object.keys(config.resource).filter((type) => type.startsWith("google_sql_"))).toEqual([]);
});
