/**
 * Proof that the stand-in tier can fail: each test breaks a published module in one place and expects
 * Terraform's own error for it (the unbroken modules plan in plan-tier.test.ts). The stand-ins only serve
 * the schema; every one of these messages is Terraform's.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DIST, writeDistModuleJson } from "../support/dist-modules";
import { planWithStandin, Standin } from "../support/standin";
import { describeWithTool, hasTool } from "../support/tools";

type Json = Record<string, any>;

/** Terraform wraps its messages at 80 columns: compare them on one line. */
const flat = (output: string) => output.replace(/\s+/g, " ");

/**
 * Copies a published module, replaces the Terraform files of the module folder holding `file` (e.g.
 * `modules/database/main.tf.json`) with its JSON (support/dist-modules.ts; dist/ may be HCL), applies
 * `mutate` to that JSON file, and plans `example` against the stand-ins.
 */
function planMutated(
  standin: Standin,
  target: string,
  file: string,
  example: string,
  mutate: (json: Json) => void,
  vars: Record<string, string> = {},
) {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "mathesar-standin-mutation-"));
  try {
    const name = `terraform-${target}-mathesar`;
    fs.cpSync(path.join(DIST, name), path.join(work, name), { recursive: true });
    const folder = path.posix.dirname(file);
    const moduleDir = folder === "." ? name : `${name}/${folder}`;
    expect(writeDistModuleJson(path.join(work, moduleDir), moduleDir)).toContain(path.posix.basename(file));
    const jsonFile = path.join(work, name, file);
    const json = JSON.parse(fs.readFileSync(jsonFile, "utf8")) as Json;
    mutate(json);
    fs.writeFileSync(jsonFile, JSON.stringify(json, null, 2));
    return planWithStandin(path.join(work, name, "examples", example), standin.reattach, vars);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The one resource of a type in a module file (fails loudly when the module changed shape). */
function only(json: Json, type: string): Json {
  const resources = Object.values((json.resource ?? {})[type] ?? {}) as Json[];
  expect(resources.length).toBeGreaterThan(0);
  return resources[0];
}

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "stand-in tier mutation tests: Terraform's own errors",
  () => {
    const standin = new Standin(["google", "digitalocean", "random", "helm", "kubernetes"]);
    beforeAll(() => standin.start(), 240000);
    afterAll(() => standin.stop());

    test("a misspelled argument in a Google resource: refused, with Terraform's suggestion", () => {
      const result = planMutated(standin, "google", "modules/database/main.tf.json", "minimal", (json) => {
        const instance = only(json, "google_sql_database_instance");
        expect(instance.database_version).toBeDefined();
        instance.database_versoin = instance.database_version;
        delete instance.database_version;
      });
      expect(result.ok).toBe(false);
      // In JSON syntax Terraform calls an unknown argument an extraneous property.
      expect(result.output).toContain("Error: Extraneous JSON object property");
      expect(flat(result.output)).toContain(
        'No argument or block type is named "database_versoin". Did you mean "database_version"?',
      );
      expect(flat(result.output)).toContain(
        'The argument "database_version" is required, but no definition was found.',
      );
    });

    test("a missing required argument in a DigitalOcean resource: Missing required argument", () => {
      const result = planMutated(standin, "digitalocean", "modules/database/main.tf.json", "minimal", (json) => {
        const cluster = only(json, "digitalocean_database_cluster");
        expect(cluster.engine).toBeDefined();
        delete cluster.engine;
      });
      expect(result.ok).toBe(false);
      expect(result.output).toContain("Error: Missing required argument");
      expect(result.output).toContain('The argument "engine" is required, but no definition was found.');
    });

    test("a reference to an attribute that does not exist, inside a hand-written expression of the Google module", () => {
      const result = planMutated(standin, "google", "modules/network/main.tf.json", "minimal", (json) => {
        const text = JSON.stringify(json);
        // (var.existing_network_id == null) ? one(google_compute_network.this[*].id) : var.existing_network_id
        expect(text).toContain("one(google_compute_network.this[*].id)");
        Object.assign(
          json,
          JSON.parse(
            text.split("one(google_compute_network.this[*].id)").join("one(google_compute_network.this[*].self_lnk)"),
          ),
        );
      });
      expect(result.ok).toBe(false);
      expect(result.output).toContain("Error: Unsupported attribute");
      expect(flat(result.output)).toContain('This object does not have an attribute named "self_lnk".');
    });

    test("a string where a block is expected: Terraform refuses the JSON value", () => {
      const result = planMutated(standin, "google", "modules/database/main.tf.json", "minimal", (json) => {
        only(json, "google_sql_database_instance").settings = "db-custom-1-3840";
      });
      expect(result.ok).toBe(false);
      expect(result.output).toContain("Error: Incorrect JSON value type");
      expect(flat(result.output)).toContain(
        'Either a JSON object or a JSON array is required, representing the contents of one or more "settings" blocks.',
      );
    });

    test("a wrong type for a helm_release set value: Incorrect attribute value type", () => {
      const result = planMutated(
        standin,
        "kubernetes",
        "main.tf.json",
        "doks",
        (json) => {
          only(json, "helm_release").set = [{ name: "replicaCount", value: { count: 2 } }];
        },
        { database_host: "db.example.internal", database_password: "stand-in-password-0123456789" },
      );
      expect(result.ok).toBe(false);
      expect(result.output).toContain("Error: Incorrect attribute value type");
      expect(flat(result.output)).toContain(
        'Inappropriate value for attribute "set": element 0: attribute "value": string required.',
      );
    });

    // Rules the providers check in ValidateResourceConfig, beyond the schema (tools/tf-standin/src/rules.ts).
    test("an empty health_checks list on the Google edge (the bug a review found): Not enough list items", () => {
      const result = planMutated(standin, "google", "modules/edge/main.tf.json", "minimal", (json) => {
        const service = only(json, "google_compute_backend_service");
        expect(service.health_checks).toContain(": null}");
        service.health_checks = String(service.health_checks).replace(": null}", ": []}");
      });
      expect(result.ok).toBe(false);
      expect(result.output).toContain("Error: Not enough list items");
      expect(flat(result.output)).toContain(
        "Attribute health_checks requires 1 item minimum, but config has only 0 declared.",
      );
    });

    test("a value outside the documented choices (Possible values: ...): refused with the provider's enum wording", () => {
      const result = planMutated(standin, "google", "modules/edge/main.tf.json", "minimal", (json) => {
        const service = only(json, "google_compute_backend_service");
        expect(service.protocol).toBe("HTTP");
        service.protocol = "HTTPX";
      });
      expect(result.ok).toBe(false);
      expect(result.output).toContain("Error: Invalid value");
      expect(flat(result.output)).toMatch(/expected protocol to be one of \[.*"HTTP".*\], got HTTPX/);
    });
  },
);
