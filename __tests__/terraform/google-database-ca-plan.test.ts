/**
 * TLS verification of the database, planned by real Terraform through terraform-google-mathesar with the
 * stand-in google provider (the real 6.50.0 schema): with database_sslmode = "verify-ca" the Cloud Run service
 * gets PGSSLMODE=verify-ca, PGSSLROOTCERT and the CA from the Cloud SQL instance's server_ca_cert (known only
 * at apply); with an existing database's PEM on the VM, the env file carries it base64-encoded, as Terraform
 * computed it. That Cloud SQL's server then passes libpq's verify-ca only a real instance shows.
 */
import * as fs from "fs";
import * as path from "path";
import { DATABASE_CA_ENV, DATABASE_CA_FILE } from "../../modules/mathesar";
import { VM_DATABASE_CA_BASE64_ENV } from "../../modules/google/vm-cloud-init";
import { planWithStandin, standinWithModuleCopy } from "../support/standin";
import { describeWithTool, hasTool } from "../support/tools";
import type { PlannedChange } from "./google-standin-state";

const PEM = "-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIUQ2xvdWRTUUxDQQ==\n-----END CERTIFICATE-----\n";

const root = (module: string) => `terraform {
  required_providers {
    google = { source = "hashicorp/google" }
    random = { source = "hashicorp/random" }
  }
}
provider "google" {
  project = "my-lab-project"
  region  = "us-central1"
}
module "mathesar" {
  source      = "../terraform-google-mathesar"
  project     = "my-lab-project"
  domain_name = "mathesar.example.org"
${module}
}
`;

type Changed = PlannedChange & { change: { after: Record<string, unknown>; after_unknown?: Record<string, unknown> } };

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "the database's CA, planned (stand-in google provider)",
  () => {
    const { standin, work } = standinWithModuleCopy(["google", "random"], "terraform-google-mathesar", "ca-plan");

    const plan = (name: string, module: string): Changed[] => {
      const dir = path.join(work, name);
      fs.mkdirSync(dir);
      fs.writeFileSync(path.join(dir, "main.tf"), root(module));
      const result = planWithStandin(dir, standin.reattach);
      if (!result.ok) throw new Error(result.output);
      return result.plan!.resource_changes as Changed[];
    };

    test("Cloud SQL with verify-ca: the service verifies against the instance's server CA, read at apply", () => {
      const changes = plan("verify-ca", '  database_sslmode = "verify-ca"');
      const service = changes.find(
        (c) => c.address === "module.mathesar.module.cloud_run[0].google_cloud_run_v2_service.this",
      )!;
      const container = (
        service.change.after.template as Array<{
          containers: Array<{ env: Array<{ name: string; value?: string }>; command: string[] }>;
        }>
      )[0].containers[0];
      const unknownEnv = ((
        service.change.after_unknown?.template as Array<{ containers: Array<{ env: Array<{ value?: boolean }> }> }>
      )[0].containers[0].env ?? []) as Array<{ value?: boolean }>;
      const index = (name: string) => container.env.findIndex((e) => e.name === name);
      expect(container.env[index("PGSSLMODE")].value).toBe("verify-ca");
      expect(container.env[index("PGSSLROOTCERT")].value).toBe(DATABASE_CA_FILE);
      expect(index(DATABASE_CA_ENV)).toBeGreaterThanOrEqual(0);
      expect(unknownEnv[index(DATABASE_CA_ENV)]?.value).toBe(true);
      expect(container.command[2]).toContain(DATABASE_CA_FILE);
    }, 240000);

    test("the VM with an existing database's PEM: base64 in the env file, as Terraform encoded it", () => {
      const existing = `  runtime = "vm"
  existing_database = {
    host               = "10.20.0.3"
    password_secret_id = "mathesar-db-password"
    sslmode            = "verify-ca"
    ca_certificate     = ${JSON.stringify(PEM)}
  }`;
      const changes = plan("vm-existing", existing);
      const instance = changes.find((c) => c.type === "google_compute_instance")!;
      const metadata = instance.change.after.metadata as Record<string, string> | undefined;
      const userData = metadata?.["user-data"];
      expect(typeof userData).toBe("string");
      expect(userData).toContain(`${VM_DATABASE_CA_BASE64_ENV}=${Buffer.from(PEM).toString("base64")}\n`);
      expect(userData).toContain("PGSSLMODE=verify-ca\n");
      expect(userData).toContain(`PGSSLROOTCERT=${DATABASE_CA_FILE}\n`);
    }, 240000);
  },
);
