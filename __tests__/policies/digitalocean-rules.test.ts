/** The DigitalOcean rules, each against a compliant, a non-compliant and (where it applies) an unknown fixture. */
import {
  DatabaseInVpc,
  DatabaseDeletionProtection,
  DatabaseFirewallAttached,
  DatabaseFirewallNoPublicSource,
  FirewallNoPublicIngress,
  LoadbalancerHttps,
  type JsonObject,
} from "../../modules/policies";
import { cluster, databaseFirewall, deletionGuard, moduleConfig, only, rootConfig, statuses } from "./fixtures";

const CLUSTER = "digitalocean_database_cluster.this";

describe("DO_DATABASE_FIREWALL_ATTACHED", () => {
  test("a cluster closed by a firewall that references it is compliant", () => {
    const config = rootConfig({
      digitalocean_database_cluster: { this: cluster() },
      digitalocean_database_firewall: { this: databaseFirewall(CLUSTER) },
    });
    const finding = only(DatabaseFirewallAttached.check(config));
    expect(finding).toMatchObject({ ruleId: "DO_DATABASE_FIREWALL_ATTACHED", address: CLUSTER, status: "compliant" });
  });

  test("a cluster without a firewall is non-compliant", () => {
    const config = rootConfig({ digitalocean_database_cluster: { this: cluster() } });
    expect(only(DatabaseFirewallAttached.check(config)).status).toBe("non_compliant");
  });

  test("a firewall on another cluster does not count", () => {
    // GIVEN two clusters whose names share a prefix, the firewall on the replica only
    const config = rootConfig({
      digitalocean_database_cluster: { this: cluster(), this_replica: cluster() },
      digitalocean_database_firewall: { this: databaseFirewall("digitalocean_database_cluster.this_replica") },
    });
    // THEN only the replica is closed
    expect(DatabaseFirewallAttached.check(config).map((f) => [f.address, f.status])).toEqual([
      [CLUSTER, "non_compliant"],
      ["digitalocean_database_cluster.this_replica", "compliant"],
    ]);
  });

  test("a module that exports the cluster id to a caller is not applicable: the firewall lives in a sibling module", () => {
    const config = moduleConfig(
      { digitalocean_database_cluster: { this: cluster({ private_network_uuid: "${var.vpc_id}" }) } },
      { cluster_id: { value: "${digitalocean_database_cluster.this.id}" } },
    );
    const finding = only(DatabaseFirewallAttached.check(config));
    expect(finding.status).toBe("not_applicable");
    expect(finding.message).toMatch(/output cluster_id/);
  });

  test("a module that does not export the cluster id is still non-compliant", () => {
    const config = moduleConfig(
      { digitalocean_database_cluster: { this: cluster() } },
      { endpoint: { value: "${digitalocean_database_cluster.this.private_host}" } },
    );
    expect(only(DatabaseFirewallAttached.check(config)).status).toBe("non_compliant");
  });
});

describe("DO_DATABASE_FIREWALL_NO_PUBLIC_SOURCE", () => {
  const withRules = (rules: JsonObject[]) =>
    rootConfig({ digitalocean_database_firewall: { this: databaseFirewall(CLUSTER, rules) } });

  test("app and private-range rules are compliant", () => {
    const config = withRules([
      { type: "app", value: "${digitalocean_app.this.id}" },
      { type: "ip_addr", value: "203.0.113.7" },
    ]);
    expect(statuses(DatabaseFirewallNoPublicSource.check(config))).toEqual(["compliant"]);
  });

  test.each(["0.0.0.0/0", "::/0"])("an ip_addr rule for %s is non-compliant", (anywhere) => {
    const finding = only(DatabaseFirewallNoPublicSource.check(withRules([{ type: "ip_addr", value: anywhere }])));
    expect(finding.status).toBe("non_compliant");
    expect(finding.message).toContain(anywhere);
  });

  test("an ip_addr value from a variable is not applicable and names the variable", () => {
    const finding = only(
      DatabaseFirewallNoPublicSource.check(withRules([{ type: "ip_addr", value: "${var.admin_cidr}" }])),
    );
    expect(finding.status).toBe("not_applicable");
    expect(finding.message).toMatch(/depends on a variable \(var\.admin_cidr\)/);
  });
});

describe("DO_FIREWALL_NO_PUBLIC_INGRESS (CKV_DIO_4 / DIG-0001)", () => {
  const firewall = (...inbound: object[]) =>
    rootConfig({
      digitalocean_firewall: {
        web: { name: "web", droplet_ids: ["${digitalocean_droplet.web.id}"], inbound_rule: inbound },
      },
    });

  test("the rule carries the scanners' ids", () => {
    expect(FirewallNoPublicIngress.scannerIds).toEqual(["CKV_DIO_4", "DIG-0001"]);
  });

  test("80 and 443 open to the world and SSH from an office range are compliant", () => {
    const config = firewall(
      { protocol: "tcp", port_range: "80", source_addresses: ["0.0.0.0/0", "::/0"] },
      { protocol: "tcp", port_range: "443", source_addresses: ["0.0.0.0/0", "::/0"] },
      { protocol: "tcp", port_range: "22", source_addresses: ["198.51.100.0/24"] },
    );
    expect(statuses(FirewallNoPublicIngress.check(config))).toEqual(["compliant"]);
  });

  test.each([
    ["SSH", { protocol: "tcp", port_range: "22", source_addresses: ["0.0.0.0/0"] }],
    ["all tcp ports over IPv6", { protocol: "tcp", port_range: "1-65535", source_addresses: ["::/0"] }],
    ["tcp without a port range", { protocol: "tcp", source_addresses: ["0.0.0.0/0"] }],
    ["ICMP", { protocol: "icmp", source_addresses: ["0.0.0.0/0"] }],
  ])("%s from anywhere is non-compliant", (_name, rule) => {
    expect(only(FirewallNoPublicIngress.check(firewall(rule))).status).toBe("non_compliant");
  });

  test("source addresses from a variable are not applicable", () => {
    const finding = only(
      FirewallNoPublicIngress.check(
        firewall({ protocol: "tcp", port_range: "22", source_addresses: "${var.ssh_sources}" }),
      ),
    );
    expect(finding.status).toBe("not_applicable");
    expect(finding.message).toMatch(/var\.ssh_sources/);
  });
});

describe("DO_DATABASE_IN_VPC", () => {
  test("a literal VPC uuid is compliant", () => {
    const config = rootConfig({
      digitalocean_database_cluster: {
        this: cluster({ private_network_uuid: "c140286f-e6ce-4131-8b7b-df4590ce8d6a" }),
      },
    });
    expect(only(DatabaseInVpc.check(config)).status).toBe("compliant");
  });

  test("a VPC id given by a variable shows the cluster is in a VPC: compliant, not unknown", () => {
    const config = moduleConfig({
      digitalocean_database_cluster: { this: cluster({ private_network_uuid: "${var.vpc_id}" }) },
    });
    expect(only(DatabaseInVpc.check(config)).status).toBe("compliant");
  });

  test.each([undefined, ""])("private_network_uuid %p is non-compliant", (uuid) => {
    const config = rootConfig({ digitalocean_database_cluster: { this: cluster({ private_network_uuid: uuid }) } });
    expect(only(DatabaseInVpc.check(config)).status).toBe("non_compliant");
  });
});

describe("DO_DATABASE_DELETION_PROTECTION", () => {
  const guarded = (guard: JsonObject) =>
    rootConfig({ digitalocean_database_cluster: { this: cluster() }, terraform_data: { deletion_guard: guard } });

  test("an active deletion guard is compliant", () => {
    const finding = only(DatabaseDeletionProtection.check(guarded(deletionGuard(CLUSTER, true))));
    expect(finding.status).toBe("compliant");
    expect(finding.message).toContain("terraform_data.deletion_guard");
  });

  test("lifecycle.prevent_destroy = true is compliant", () => {
    const config = rootConfig({
      digitalocean_database_cluster: { this: cluster({ lifecycle: { prevent_destroy: true } }) },
    });
    expect(only(DatabaseDeletionProtection.check(config)).status).toBe("compliant");
  });

  test("a cluster with neither is non-compliant", () => {
    const config = rootConfig({ digitalocean_database_cluster: { this: cluster() } });
    expect(only(DatabaseDeletionProtection.check(config)).status).toBe("non_compliant");
  });

  test("a published submodule exporting its cluster leaves protection to its caller (not applicable)", () => {
    const config = moduleConfig(
      { digitalocean_database_cluster: { this: cluster({ private_network_uuid: "${var.vpc_id}" }) } },
      { cluster_id: { value: "${digitalocean_database_cluster.this.id}" } },
    );
    const finding = only(DatabaseDeletionProtection.check(config));
    expect(finding.status).toBe("not_applicable");
    expect(finding.message).toMatch(/calling module/);
  });

  test("a root configuration without a guard is non-compliant even if it has outputs", () => {
    const config = {
      ...rootConfig({ digitalocean_database_cluster: { this: cluster() } }),
      output: { cluster_id: { value: "${digitalocean_database_cluster.this.id}" } },
    };
    expect(only(DatabaseDeletionProtection.check(config)).status).toBe("non_compliant");
  });

  test("a guard switched off (input.protected = false) is non-compliant", () => {
    expect(only(DatabaseDeletionProtection.check(guarded(deletionGuard(CLUSTER, false)))).status).toBe("non_compliant");
  });

  test("a guard without a destroy-time provisioner does not count", () => {
    const guard = { ...deletionGuard(CLUSTER), provisioner: [{ "local-exec": { command: "exit 1" } }] };
    expect(only(DatabaseDeletionProtection.check(guarded(guard))).status).toBe("non_compliant");
  });

  test("a guard on another resource does not count", () => {
    expect(only(DatabaseDeletionProtection.check(guarded(deletionGuard("digitalocean_vpc.this")))).status).toBe(
      "non_compliant",
    );
  });

  test("a guard switched by a variable is not applicable and names the variable", () => {
    const finding = only(
      DatabaseDeletionProtection.check(guarded(deletionGuard(CLUSTER, "${var.deletion_protection}"))),
    );
    expect(finding.status).toBe("not_applicable");
    expect(finding.message).toMatch(/var\.deletion_protection/);
  });
});

describe("DO_LOADBALANCER_HTTPS (DIG-0002)", () => {
  const balancer = (body: object) =>
    rootConfig({ digitalocean_loadbalancer: { web: { name: "web", region: "nyc3", ...body } } });
  const https = {
    entry_port: 443,
    entry_protocol: "https",
    target_port: 8000,
    target_protocol: "http",
    certificate_name: "mathesar",
  };
  const http = { entry_port: 80, entry_protocol: "http", target_port: 8000, target_protocol: "http" };

  test("the explanation says App Platform always serves HTTPS", () => {
    expect(LoadbalancerHttps.explanation).toMatch(/App Platform .*HTTPS/);
  });

  test("an HTTPS-only load balancer is compliant", () => {
    expect(statuses(LoadbalancerHttps.check(balancer({ forwarding_rule: [https] })))).toEqual(["compliant"]);
  });

  test("HTTP that redirects to HTTPS is compliant", () => {
    const config = balancer({ forwarding_rule: [http, https], redirect_http_to_https: true });
    expect(statuses(LoadbalancerHttps.check(config))).toEqual(["compliant"]);
  });

  test("plain HTTP without the redirect is non-compliant", () => {
    const finding = only(LoadbalancerHttps.check(balancer({ forwarding_rule: [http, https] })));
    expect(finding.status).toBe("non_compliant");
    expect(finding.message).toContain("http:80");
  });

  test("an entry protocol from a variable is not applicable", () => {
    const config = balancer({ forwarding_rule: [{ ...https, entry_protocol: "${var.entry_protocol}" }] });
    expect(statuses(LoadbalancerHttps.check(config))).toEqual(["not_applicable"]);
  });

  test("no load balancer, no finding", () => {
    expect(LoadbalancerHttps.check(rootConfig({ digitalocean_database_cluster: { this: cluster() } }))).toEqual([]);
  });
});
