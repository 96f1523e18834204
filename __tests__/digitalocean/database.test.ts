import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { DigitaloceanProvider } from "@cdktf/provider-digitalocean/lib/provider";
import { RandomProvider } from "@cdktf/provider-random/lib/provider";
import { MathesarOnDigitalOcean } from "../../modules/digitalocean";
import { sensitiveVariable, synthDigitalOcean, synthDigitalOceanWith } from "../support/synth";

const cluster = (config = synthDigitalOcean()) => config.resource.digitalocean_database_cluster.this;

describe("managed PostgreSQL", () => {
  test("is PostgreSQL 17 in the new VPC, sized from size", () => {
    expect(cluster()).toMatchObject({
      engine: "pg",
      version: "17",
      name: "mathesar-db",
      region: "nyc3",
      size: "db-s-1vcpu-1gb",
      node_count: 1,
      private_network_uuid: "${digitalocean_vpc.this.id}",
    });
    expect(cluster(synthDigitalOcean({ size: "large" })).size).toBe("db-s-2vcpu-4gb");
  });

  test("high availability adds one standby node", () => {
    expect(
      cluster(synthDigitalOcean({ size: "medium", database: { managed: { highAvailability: true } } })).node_count,
    ).toBe(2);
  });

  test("holds Mathesar's own database and role", () => {
    const config = synthDigitalOcean();
    expect(config.resource.digitalocean_database_db.mathesar).toEqual({
      cluster_id: "${digitalocean_database_cluster.this.id}",
      name: "mathesar",
    });
    expect(config.resource.digitalocean_database_user.mathesar).toEqual({
      cluster_id: "${digitalocean_database_cluster.this.id}",
      name: "mathesar",
      depends_on: ["digitalocean_database_db.mathesar"],
    });
  });

  test("a firewall admits only the Mathesar app and the VPC created for it", () => {
    expect(synthDigitalOcean().resource.digitalocean_database_firewall.this).toEqual({
      cluster_id: "${digitalocean_database_cluster.this.id}",
      rule: [
        { type: "app", value: "${digitalocean_app.this.id}" },
        { type: "ip_addr", value: "${digitalocean_vpc.this.ip_range}" },
      ],
    });
  });

  test("tags become key:value cluster tags", () => {
    expect(cluster(synthDigitalOcean({ tags: { client: "acme", env: "prod" } })).tags).toEqual([
      "client:acme",
      "env:prod",
    ]);
  });
});

describe("deletion protection", () => {
  const guard = (config = synthDigitalOcean()) => config.resource.terraform_data.deletion_guard;

  test("is on by default: a guard depending on everything that holds data refuses its own destruction", () => {
    const g = guard();
    expect(g.input).toEqual({ protected: true });
    expect(g.depends_on).toEqual(
      expect.arrayContaining([
        "digitalocean_database_cluster.this",
        "digitalocean_database_db.mathesar",
        "digitalocean_database_user.mathesar",
        "random_password.secret_key",
        "digitalocean_database_firewall.this",
        "digitalocean_app.this",
      ]),
    );
    expect(g.triggers_replace).toEqual({
      ids: ["${digitalocean_database_cluster.this.id}", "${sha256(random_password.secret_key.result)}"],
    });
    expect(g.provisioner[0]["local-exec"]).toMatchObject({ when: "destroy" });
    expect(g.provisioner[0]["local-exec"].command).toContain("exit 1");
  });

  test("an existing database keeps a guard, over the SECRET_KEY and the app only (nothing of the user's server is managed)", () => {
    const config = synthDigitalOceanWith((stack) => ({
      database: { existing: { host: "db.example.org", password: sensitiveVariable(stack, "pw") } },
    }));
    expect([...config.resource.terraform_data.deletion_guard.depends_on].sort()).toEqual([
      "digitalocean_app.this",
      "digitalocean_vpc.this",
      "random_password.admin_password",
      "random_password.secret_key",
    ]);
  });

  test("is switched off by the prop, without removing the guard (so switching back is an apply too)", () => {
    expect(guard(synthDigitalOcean({ database: { managed: { deletionProtection: false } } })).input).toEqual({
      protected: false,
    });
  });
});

describe("network", () => {
  test("creates a VPC named after the deployment in its region", () => {
    expect(
      synthDigitalOcean({ name: "acme", region: "fra1", vpcIpRange: "10.20.0.0/20" }).resource.digitalocean_vpc.this,
    ).toMatchObject({
      name: "acme-vpc",
      region: "fra1",
      ip_range: "10.20.0.0/20",
    });
  });

  test("an existing VPC is used as is and none is created", () => {
    const id = "0f8f2a4e-5b3c-4d6e-8f9a-0b1c2d3e4f5a";
    const config = synthDigitalOcean({ existingVpcId: id });
    expect(config.resource.digitalocean_vpc).toBeUndefined();
    expect(cluster(config).private_network_uuid).toBe(id);
    expect(config.resource.digitalocean_app.this.spec.vpc).toEqual([{ id }]);
  });

  test("the app region follows the datacenter", () => {
    expect(synthDigitalOcean({ region: "ams3" }).resource.digitalocean_app.this.spec.region).toBe("ams");
  });
});

describe("existing database", () => {
  const existing = () =>
    synthDigitalOceanWith((stack) => ({
      database: {
        existing: {
          host: "db.example.org",
          port: 25060,
          databaseName: "mathesar_internal",
          user: "mathesar_app",
          password: sensitiveVariable(stack, "database_password"),
        },
      },
    }));

  test("creates no cluster and no firewall: nothing on the user's server is managed", () => {
    const config = existing();
    for (const type of [
      "digitalocean_database_cluster",
      "digitalocean_database_firewall",
      "digitalocean_database_db",
      "digitalocean_database_user",
    ]) {
      expect(config.resource[type]).toBeUndefined();
    }
  });

  test("connects with the given settings, sslmode=require by default, password as a SECRET", () => {
    const env = Object.fromEntries(
      existing().resource.digitalocean_app.this.spec.service[0].env.map((e: { key: string }) => [e.key, e]),
    );
    expect(env.POSTGRES_HOST.value).toBe("db.example.org");
    expect(env.POSTGRES_PORT.value).toBe("25060");
    expect(env.POSTGRES_DB.value).toBe("mathesar_internal");
    expect(env.POSTGRES_USER.value).toBe("mathesar_app");
    expect(env.POSTGRES_SSLMODE.value).toBe("require");
    expect(env.POSTGRES_PASSWORD).toMatchObject({ type: "SECRET", value: "${var.database_password}" });
  });

  test("the bootstrap job skips the grant step (the DBA prepared the database)", () => {
    const job = existing().resource.digitalocean_app.this.spec.job[0];
    const adminUser = job.env.find((e: { key: string }) => e.key === "MATHESAR_DB_ADMIN_USER");
    expect(adminUser.value).toBe("");
  });

  test("the database endpoint output is the given server", () => {
    const stack = new TerraformStack(Testing.app(), "existing");
    new DigitaloceanProvider(stack, "digitalocean");
    new RandomProvider(stack, "random");
    const mathesar = new MathesarOnDigitalOcean(stack, "Mathesar", {
      database: { existing: { host: "db.example.org", port: 25060, password: sensitiveVariable(stack, "pw") } },
    });
    expect(mathesar.outputs.databaseEndpoint).toBe("db.example.org:25060");
    expect(mathesar.database).toBeUndefined();
    expect(mathesar.databaseFirewall).toBeUndefined();
  });
});

test("the managed database's endpoint output is the cluster's private host and port", () => {
  const stack = new TerraformStack(Testing.app(), "managed");
  new DigitaloceanProvider(stack, "digitalocean");
  new RandomProvider(stack, "random");
  const mathesar = new MathesarOnDigitalOcean(stack, "Mathesar", {});
  new TerraformOutput(stack, "endpoint", { value: mathesar.outputs.databaseEndpoint });
  const config = JSON.parse(Testing.synth(stack));
  expect(config.output.endpoint.value).toBe(
    '${join(":", [digitalocean_database_cluster.this.private_host, tostring(digitalocean_database_cluster.this.port)])}',
  );
});
