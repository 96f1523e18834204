/** checkDeployableStack: what `cdktf deploy` applies is pinned and free of machine-specific paths. */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, Testing } from "cdktf";
import { DigitalOceanStack } from "../../stacks/digitalocean/deploy-stack";
import { parseHcl } from "../support/hcl";
import { checkDeployableStack, checkReferences, findAbsolutePaths, type TerraformJson } from "../support/structure";
import { synthDigitalOcean } from "../support/synth";

function validStack(): TerraformJson {
  return {
    terraform: {
      backend: { local: { path: "../../../terraform.digitalocean.tfstate" } },
      required_providers: {
        digitalocean: { source: "digitalocean/digitalocean", version: "2.71.0" },
        random: { source: "hashicorp/random", version: "3.7.2" },
      },
    },
    provider: { digitalocean: [{}], random: [{}] },
    resource: {
      random_password: { admin: { length: 24 } },
      digitalocean_app: {
        this: {
          spec: {
            service: [{ health_check: { http_path: "/static/icons/favicon.ico" }, run_command: "bash ./bin/mathesar run" }],
            alert: [{ rule: "DEPLOYMENT_FAILED" }],
          },
        },
      },
    },
    output: {
      logs: { value: "https://cloud.digitalocean.com/apps/${digitalocean_app.this.id}/logs", description: "Logs." },
      admin_password: { value: "${random_password.admin.result}", description: "Password.", sensitive: true },
    },
  };
}

describe("findAbsolutePaths", () => {
  test("finds home folders, workspaces, the current directory and Windows drives", () => {
    expect(findAbsolutePaths("/work/main/terraform.tfstate")).toEqual(["/work/main/terraform.tfstate"]);
    expect(findAbsolutePaths("cat /home/alice/key.pem && ls")).toEqual(["/home/alice/key.pem"]);
    expect(findAbsolutePaths("file=/Users/bob/x.zip")).toEqual(["/Users/bob/x.zip"]);
    expect(findAbsolutePaths(`${process.cwd()}/x`)).toContain(`${process.cwd()}/x`);
    expect(findAbsolutePaths("C:\\Users\\carol\\state")).toEqual(["C:\\Users\\carol\\state"]);
  });

  test("ignores URL paths, container paths and relative paths", () => {
    expect(findAbsolutePaths("https://example.org/home/work/x")).toEqual([]);
    expect(findAbsolutePaths("/static/icons/favicon.ico /etc/caddy/Caddyfile ./bin/mathesar ../../x")).toEqual([]);
  });
});

describe("checkDeployableStack on hand-written fixtures", () => {
  test("a pinned stack with a relative backend path", () => {
    expect(checkDeployableStack(validStack())).toEqual([]);
  });

  test("a version range instead of an exact pin", () => {
    const config = validStack();
    config.terraform.required_providers.random.version = ">= 3.7.2, < 4.0.0";
    expect(checkDeployableStack(config)).toEqual([expect.stringMatching(/^terraform\.required_providers\.random: version ">= 3\.7\.2, < 4\.0\.0" must be an exact pin/)]);
  });

  test("a required provider without a provider block", () => {
    const config = validStack();
    delete config.provider.random;
    expect(checkDeployableStack(config)).toEqual([expect.stringMatching(/^provider\.random: missing/)]);
  });

  test("an absolute local backend path", () => {
    const config = validStack();
    config.terraform.backend.local.path = "/work/main/terraform.digitalocean.tfstate";
    expect(checkDeployableStack(config)).toEqual([
      'terraform.backend.local.path: "/work/main/terraform.digitalocean.tfstate" is absolute; it only exists on the machine that synthesized',
    ]);
  });

  test("an absolute path anywhere else", () => {
    const config = validStack();
    config.resource.digitalocean_app.this.spec.service[0].run_command = "bash /home/alice/mathesar/run.sh";
    expect(checkDeployableStack(config)).toEqual([
      'resource.digitalocean_app.this.spec.service[0].run_command: contains the absolute path "/home/alice/mathesar/run.sh"',
    ]);
  });

  test("a secret output that is not sensitive", () => {
    const config = validStack();
    delete config.output.admin_password.sensitive;
    expect(checkDeployableStack(config)).toEqual(["output.admin_password: must be sensitive: random_password.admin.result is a secret"]);
  });
});

/** The stack exactly as `npm run synth` / `cdktf synth` writes it (backend included), synthesized into a temporary folder. */
function synthDeployFile(): TerraformJson {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "structure-synth-"));
  try {
    const app = new App({ outdir });
    new DigitalOceanStack(app, "digitalocean");
    app.synth();
    return JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "digitalocean", "cdk.tf.json"), "utf8")) as TerraformJson;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

describe("checkDeployableStack on the real DigitalOcean stack", () => {
  test("defaults (Testing.synth)", () => {
    expect(checkDeployableStack(synthDigitalOcean())).toEqual([]);
  });

  test("custom domain in a DigitalOcean zone (Testing.synth)", () => {
    expect(checkDeployableStack(synthDigitalOcean({ domainName: "data.example.org", domainZone: "example.org" }))).toEqual([]);
  });

  test("the synthesized cdk.tf.json declares a relative local backend and has no absolute path", () => {
    const config = synthDeployFile();
    expect(config.terraform.backend.local.path).toBe("../../../terraform.digitalocean.tfstate");
    expect(checkDeployableStack(config)).toEqual([]);
  });

  test("its HCL rendering (cdktf synth --hcl) parses and its references resolve", async () => {
    const stack = new DigitalOceanStack(Testing.app(), "digitalocean");
    stack.prepareStack();
    const parsed = await parseHcl("cdk.tf", String(stack.toHclTerraform().hcl));
    if (!parsed.ok) throw new Error(parsed.error);
    expect(parsed.problems).toEqual([]);
    expect(Object.keys(parsed.json.resource ?? {})).toContain("digitalocean_app");
    expect(checkReferences(parsed.json)).toEqual([]);
  });
});
