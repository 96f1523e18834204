/** The published root module's wiring: what TypeScript branches on, Terraform decides with conditionals. */
import { renderDigitalOceanModule } from "../support/synth";

const root = () => renderDigitalOceanModule().modules[""];

test("every managed database gets its firewall: same count, the cluster's id, the app's id", () => {
  const { database, database_firewall: firewall } = root().module;
  expect(database.count).toBe("${(var.existing_database == null) ? 1 : 0}");
  expect(firewall.count).toBe(database.count);
  expect(firewall.cluster_id).toBe("${one(module.database[*].cluster_id)}");
  expect(firewall.app_id).toBe("${module.app.app_id}");
});

test("an existing VPC replaces the network module, and the VPC id flows to the database and the app", () => {
  const { network, database, app } = root().module;
  expect(network.count).toBe("${(var.existing_vpc_id == null) ? 1 : 0}");
  const vpcId = "${(var.existing_vpc_id == null) ? one(module.network[*].vpc_id) : var.existing_vpc_id}";
  expect(database.vpc_id).toBe(vpcId);
  expect(app.vpc_id).toBe(vpcId);
});

test("the app connects to the managed cluster with database_sslmode (default require), or to the existing database as given", () => {
  const { app } = root().module;
  expect(app.database_sslmode).toBe(
    "${(var.existing_database == null) ? var.database_sslmode : var.existing_database.sslmode}",
  );
  expect(root().variable.database_sslmode.default).toBe("require");
  expect(app.database_host).toBe(
    "${(var.existing_database == null) ? one(module.database[*].private_host) : var.existing_database.host}",
  );
  expect(app.database_password).toBe(
    "${(var.existing_database == null) ? one(module.database[*].password) : var.existing_database_password}",
  );
  // The grant step runs only against the cluster this module created.
  expect(app.database_admin_user).toBe('${(var.existing_database == null) ? one(module.database[*].admin_user) : ""}');
});

test("sizes map to the same instance and node slugs as the TypeScript composite", () => {
  const { app, database } = root().module;
  expect(app.instance_size).toContain('"small" = "apps-s-1vcpu-1gb"');
  expect(app.instance_size).toContain('"large" = "apps-s-2vcpu-4gb"');
  expect(database.node_size).toContain('"medium" = "db-s-1vcpu-2gb"');
  // WEB_CONCURRENCY is derived inside the app module from the instance size (review-findings.test.ts).
  expect(app.web_concurrency).toBeUndefined();
});

test("the admin password output is sensitive and comes from the secrets module", () => {
  expect(root().output.admin_password).toMatchObject({ sensitive: true, value: "${module.secrets.admin_password}" });
});

test("the root module refuses HA on the smallest size with the TypeScript construct's explanation", () => {
  const validation = root().variable.database_high_availability.validation[0];
  expect(validation.error_message).toContain("smallest database plan cannot have a standby node");
});

test("one deletion guard over every module, with a managed or an existing database (it guards the SECRET_KEY too)", () => {
  const config = root();
  const guard = config.resource.terraform_data.deletion_guard;
  expect(guard.count).toBeUndefined();
  expect(guard.depends_on).toEqual([
    "module.network",
    "module.secrets",
    "module.database",
    "module.app",
    "module.database_firewall",
  ]);
  expect(guard.input).toEqual({ protected: "${var.deletion_protection}" });
  expect(guard.triggers_replace).toEqual({
    ids: ["${one(module.database[*].cluster_id)}", "${sha256(coalesce(var.secret_key, module.secrets.secret_key))}"],
  });
});
