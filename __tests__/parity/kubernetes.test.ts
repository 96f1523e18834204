/**
 * Parity of the Kubernetes target's two flavours: for each input of a matrix, the deployable stack
 * (KubernetesStack, the MathesarOnKubernetes construct) and the published module
 * (dist/terraform-kubernetes-mathesar, called with the same inputs turned into its variables by the settings
 * table) are planned by real Terraform against the stand-in helm and kubernetes providers, and their
 * planned resources compared: types, counts, every planned argument (the chart values parsed as JSON), which
 * arguments are left unknown, and the contract outputs. One exception, documented: the chart's path
 * (the deployable stack points at charts/mathesar in the repository, the module at the copy it ships).
 * A deliberate difference in one flavour must make the comparison fail (the last tests).
 */
import * as fs from "fs";
import * as path from "path";
import { App, Token, ref, TerraformVariable } from "cdktf";
import { CONTRACT_OUTPUTS } from "../../modules/mathesar";
import { KubernetesStack } from "../../stacks/kubernetes/deploy-stack";
import { PASSWORD, constructProps, moduleVariables } from "../kubernetes/bad-input-cases";
import { MATRIX } from "../kubernetes/input-matrix";
import { planWithStandin, standinWithModuleCopy } from "../support/standin";
import { describeWithTool, hasTool } from "../support/tools";

const MODULE = "terraform-kubernetes-mathesar";
const PASSWORD_VALUE = "stand-in-password-0123456789";

/** Arguments that differ by design, by resource type. */
const EXCEPTIONS: Record<string, string[]> = {
  // The deployable stack installs charts/mathesar from the repository, the module the copy inside it.
  helm_release: ["chart"],
};

type Change = {
  address: string;
  type: string;
  change: { actions: string[]; after: Record<string, unknown>; after_unknown?: Record<string, unknown> };
};
type Plan = { resource_changes?: Change[]; planned_values?: { outputs?: Record<string, { value?: unknown }> } };

/** A resource's address without module path or index: `module.mathesar.helm_release.this[0]` → `helm_release.this`. */
export function normalizedAddress(address: string): string {
  return address.replace(/^(module\.[\w-]+(\[[^\]]+\])?\.)+/, "").replace(/\[[^\]]+\]$/, "");
}

/** What is compared of a plan: per normalized address, the planned arguments and which are unknown; the outputs. */
export function comparable(plan: Plan): Record<string, unknown> {
  const resources: Record<string, unknown> = {};
  for (const change of plan.resource_changes ?? []) {
    const address = normalizedAddress(change.address);
    if (address in resources) throw new Error(`Two instances of ${address}: counts differ from 0/1`);
    const after = { ...change.change.after };
    for (const skipped of EXCEPTIONS[change.type] ?? []) delete after[skipped];
    // The chart values are JSON text: compared parsed (the flavours may order keys differently).
    if (change.type === "helm_release" && Array.isArray(after.values)) {
      after.values = (after.values as string[]).map((text) => JSON.parse(text));
    }
    resources[address] = { actions: change.change.actions, after, unknown: change.change.after_unknown ?? {} };
  }
  const outputs = Object.fromEntries(
    Object.values(CONTRACT_OUTPUTS).map(({ name }) => [name, plan.planned_values?.outputs?.[name]?.value]),
  );
  return { resources, outputs };
}

/** The differences between two comparables, as readable paths (empty when they agree). */
export function differences(a: unknown, b: unknown, at = ""): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObject = (v: unknown) => v !== null && typeof v === "object";
  if (isObject(a) && isObject(b) && Array.isArray(a) === Array.isArray(b)) {
    const keys = [...new Set([...Object.keys(a as object), ...Object.keys(b as object)])].sort();
    return keys.flatMap((key) =>
      differences((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], at ? `${at}.${key}` : key),
    );
  }
  return [`${at}: ${JSON.stringify(a)} (deployable stack) vs ${JSON.stringify(b)} (module)`];
}

/** The deployable stack for the props, synthesized into `dir`. */
function writeDeployableStack(dir: string, props: Record<string, unknown>): void {
  const outdir = path.join(dir, "out");
  const app = new App({ outdir });
  // The password reference is the stack's own sensitive variable (declared below, referenced by name).
  const password = Token.asString(ref("var.db_password"));
  const stack = new KubernetesStack(app, "kubernetes", constructProps(props, password));
  new TerraformVariable(stack, "db_password", { type: "string", sensitive: true, default: PASSWORD_VALUE });
  app.synth();
  fs.copyFileSync(path.join(outdir, "stacks", "kubernetes", "cdk.tf.json"), path.join(dir, "cdk.tf.json"));
  fs.rmSync(outdir, { recursive: true, force: true });
}

/** A root configuration calling the published module with the props' variables, its outputs the contract's. */
function writeModuleCall(dir: string, props: Record<string, unknown>, moduleDir: string): void {
  const config = {
    variable: { db_password: { type: "string", sensitive: true, default: PASSWORD_VALUE } },
    module: {
      mathesar: { source: path.relative(dir, moduleDir), ...moduleVariables(props, "${var.db_password}") },
    },
    output: Object.fromEntries(
      Object.values(CONTRACT_OUTPUTS).map(({ name }) => [name, { value: `\${module.mathesar.${name}}` }]),
    ),
  };
  fs.writeFileSync(path.join(dir, "main.tf.json"), JSON.stringify(config, null, 2));
}

describeWithTool(
  "terraform",
  hasTool("terraform", ["version"]),
  "Kubernetes parity: the deployable stack and the published module plan the same resources (stand-in providers)",
  () => {
    const { standin, work } = standinWithModuleCopy(["helm", "kubernetes"], MODULE, "k8s-parity");
    const plan = (dir: string): Plan => {
      const result = planWithStandin(dir, standin.reattach);
      if (!result.ok) throw new Error(result.output);
      return result.plan as Plan;
    };
    const flavours = (label: string, props: Record<string, unknown>, doctor?: (config: any) => void) => {
      const base = path.join(work, label.replace(/[^a-z0-9]+/gi, "-"));
      const stackDir = path.join(base, "stack");
      const moduleDir = path.join(base, "module");
      fs.mkdirSync(stackDir, { recursive: true });
      fs.mkdirSync(moduleDir, { recursive: true });
      writeDeployableStack(stackDir, props);
      if (doctor) {
        const file = path.join(stackDir, "cdk.tf.json");
        const config = JSON.parse(fs.readFileSync(file, "utf8"));
        doctor(config);
        fs.writeFileSync(file, JSON.stringify(config));
      }
      writeModuleCall(moduleDir, props, path.join(work, MODULE));
      return { stack: comparable(plan(stackDir)), module: comparable(plan(moduleDir)) };
    };

    test.each(Object.entries(MATRIX))(
      "%s",
      (label, props) => {
        const { stack, module } = flavours(label, props);
        // Something was planned, and the same thing.
        expect(Object.keys((stack as { resources: object }).resources)).toEqual(
          expect.arrayContaining(["helm_release.this", "terraform_data.deletion_guard"]),
        );
        expect(differences(stack, module)).toEqual([]);
      },
      120000,
    );

    test("the matrix covers each size, both databases, the password Secret, SSO and the user's namespace", () => {
      const all = JSON.stringify(Object.values(MATRIX));
      for (const needle of ['"medium"', '"large"', '"inCluster"', '"existing"', PASSWORD, '"sso"', '"createNamespace"'])
        expect([needle, all.includes(needle)]).toEqual([needle, true]);
    });

    test("a deliberate difference in one flavour's argument fails the comparison", () => {
      const props = MATRIX["existing database through a Secret, a domain with cert-manager"];
      const { stack, module } = flavours("doctored timeout", props, (config) => {
        config.resource.helm_release.this.timeout = 600;
      });
      expect(differences(stack, module)).toEqual([
        "resources.helm_release.this.after.timeout: 600 (deployable stack) vs 900 (module)",
      ]);
    }, 120000);

    test("a deliberate difference inside the chart values or in a count fails the comparison", () => {
      const props = MATRIX["existing database with a password reference, verify-full against a CA, an admin Secret"];
      const { stack, module } = flavours("doctored values", props, (config) => {
        // The values are `${jsonencode({...})}` over an HCL object: doctored in place.
        const values: string = config.resource.helm_release.this.values[0];
        expect(values).toContain('"sslMode" = "verify-full"');
        config.resource.helm_release.this.values[0] = values.replace(
          '"sslMode" = "verify-full"',
          '"sslMode" = "require"',
        );
        delete config.resource.kubernetes_secret;
        config.resource.helm_release.this.depends_on = [];
        config.resource.terraform_data.deletion_guard.depends_on = ["kubernetes_namespace.this", "helm_release.this"];
      });
      const found = differences(stack, module);
      expect(found).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/^resources\.helm_release\.this\.after\.values\.0\.database\.sslMode: "require"/),
          expect.stringMatching(/^resources\.kubernetes_secret\.database_password: undefined \(deployable stack\)/),
        ]),
      );
    }, 120000);
  },
);
