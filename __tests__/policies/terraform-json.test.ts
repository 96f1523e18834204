/** The helpers every rule relies on to tell literals, expressions and references apart. */
import {
  dependsOn,
  isExpression,
  literalString,
  referencesAddress,
  referencesIn,
  soleResourceAttribute,
} from "../../modules/policies/lib/terraform-json";

describe("isExpression", () => {
  test.each([
    ["${var.mathesar_version}", true],
    ["https://cloud.digitalocean.com/apps/${digitalocean_app.this.id}/logs", true],
    ['${(var.domain_name == null) ? "" : "${var.domain_name},"}$${APP_DOMAIN}', true],
    ["%{ if var.x }a%{ endif }", true],
    ["$${APP_DOMAIN}", false],
    ["0.11.0", false],
  ])("%s → %p", (value, expected) => {
    expect(isExpression(value)).toBe(expected);
  });

  test("non-strings are never expressions", () => {
    expect([1, true, null, undefined, {}].map(isExpression)).toEqual([false, false, false, false, false]);
  });
});

describe("literalString", () => {
  test("unescapes $${ the way Terraform does, and refuses expressions", () => {
    expect(literalString("$${APP_DOMAIN}")).toBe("${APP_DOMAIN}");
    expect(literalString(3)).toBe("3");
    expect(literalString("${var.x}")).toBeUndefined();
  });
});

describe("references", () => {
  test("referencesIn lists variables, modules, data sources and resources once each", () => {
    const value =
      "${var.existing_database == null ? one(module.database[*].private_host) : var.existing_database.host} " +
      "${data.digitalocean_database_cluster.shared.port} ${digitalocean_vpc.this.id} " +
      "${var.existing_database.port}";
    expect(referencesIn(value)).toEqual([
      "var.existing_database",
      "module.database",
      "data.digitalocean_database_cluster.shared",
      "digitalocean_vpc.this",
    ]);
  });

  test("dependsOn names the variables", () => {
    expect(dependsOn("${var.mathesar_version}")).toBe("depends on a variable (var.mathesar_version)");
    expect(dependsOn("${var.a ? var.b : 1}")).toBe("depends on variables (var.a, var.b)");
    expect(dependsOn("${one(module.database[*].cluster_id)}")).toMatch(/module\.database/);
  });

  test("referencesAddress matches whole names only, never a data source of the same name", () => {
    expect(referencesAddress("${digitalocean_database_cluster.this.id}", "digitalocean_database_cluster.this")).toBe(
      true,
    );
    expect(referencesAddress("${digitalocean_database_cluster.this_2.id}", "digitalocean_database_cluster.this")).toBe(
      false,
    );
    expect(
      referencesAddress("${data.digitalocean_database_cluster.this.id}", "digitalocean_database_cluster.this"),
    ).toBe(false);
    expect(referencesAddress("digitalocean_database_cluster.this.id", "digitalocean_database_cluster.this")).toBe(
      false,
    );
  });

  test("soleResourceAttribute accepts exactly one resource attribute", () => {
    expect(soleResourceAttribute("${digitalocean_database_db.mathesar.name}")).toBe(
      "digitalocean_database_db.mathesar",
    );
    expect(soleResourceAttribute("${data.digitalocean_database_cluster.shared.private_host}")).toBe(
      "data.digitalocean_database_cluster.shared",
    );
    expect(soleResourceAttribute("${var.database_name}")).toBeUndefined();
    expect(soleResourceAttribute("${module.database.name}")).toBeUndefined();
    expect(soleResourceAttribute('${coalesce(digitalocean_database_db.mathesar.name, "")}')).toBeUndefined();
  });
});
