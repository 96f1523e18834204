/**
 * Every shipped example of dist/terraform-docker-mathesar is planned by real Terraform against stand-in docker
 * and random providers (no Docker daemon: nothing is applied), as a user would run it from the example's folder,
 * and plans the containers its description promises.
 */
import * as fs from "fs";
import * as path from "path";
import { planWithStandin, standinWithModuleCopy } from "../support/standin";
import { describeWithTool, hasTool } from "../support/tools";

const MODULE = "terraform-docker-mathesar";
const CERTIFICATE = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

/** What each example must plan: containers by name (module address suffix), present or absent. */
const EXPECTED: Record<string, { vars: Record<string, string>; containers: string[]; absent: string[] }> = {
  evaluation: { vars: {}, containers: ["postgres", "bootstrap", "mathesar", "caddy"], absent: [] },
  "existing-database": {
    vars: { database_password: "stand-in-password-0123456789" },
    containers: ["bootstrap", "mathesar", "caddy"],
    absent: ["postgres"],
  },
  "own-proxy": { vars: {}, containers: ["postgres", "bootstrap", "mathesar"], absent: ["caddy"] },
  "air-gapped": {
    vars: { tls_private_key: "stand-in-key", database_password: "stand-in-password-0123456789" },
    containers: ["bootstrap", "mathesar", "caddy"],
    absent: ["postgres"],
  },
};

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "terraform-docker-mathesar examples plan (stand-in docker and random providers)",
  () => {
    const { standin, work } = standinWithModuleCopy(["docker", "random"], MODULE, "docker-examples");

    test("every example folder is listed here", () => {
      const shipped = fs.readdirSync(path.join(__dirname, "..", "..", "dist", MODULE, "examples")).sort();
      expect(shipped).toEqual(Object.keys(EXPECTED).sort());
    });

    test.each(Object.entries(EXPECTED))(
      "%s",
      (example, expected) => {
        const dir = path.join(work, MODULE, "examples", example);
        // The air-gapped example reads your CA's certificates (Caddy's and the database's) from files beside it.
        fs.writeFileSync(path.join(dir, "mathesar.crt"), CERTIFICATE);
        fs.writeFileSync(path.join(dir, "database-ca.pem"), CERTIFICATE);
        const result = planWithStandin(dir, standin.reattach, expected.vars);
        if (!result.ok) throw new Error(result.output);
        const containers = (result.plan?.resource_changes ?? [])
          .filter((change) => change.type === "docker_container" && change.change.actions.includes("create"))
          .map((change) => change.address.split(".").pop());
        expect(containers.sort()).toEqual([...expected.containers].sort());
        for (const name of expected.absent) expect(containers).not.toContain(name);
      },
      180000,
    );
  },
);
