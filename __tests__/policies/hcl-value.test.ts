/**
 * The policy pack's reader of `${jsonencode(<HCL value>)}` attributes (modules/policies/lib/hcl-value.ts):
 * literals come back as JSON values with HCL escapes decoded, everything else as its own `${…}` text (an
 * expression to the rules), and what cdktf writes through the project's `jsonencode` reads back as the value.
 */
import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { jsonencodeArgument } from "../../modules/policies/lib/hcl-value";
import { containerVariables, ecsContainers } from "../../modules/policies/lib/ecs";
import { jsonencode } from "../../modules/terraform";
import { synthAws } from "../support/synth";

describe("reading ${jsonencode(...)}", () => {
  test("literals: strings with their escapes decoded, numbers, booleans, null, nested tuples and objects", () => {
    expect(
      jsonencodeArgument(
        '${jsonencode([{"s" = "say \\"hi\\" \\\\ tab\\there\\nnext \\u00e9", "n" = 8000, "f" = -1.5e2, ' +
          '"t" = true, "no" = false, "z" = null, "l" = ["sh", "-c"], "o" = {"k-1" = {}}, "e" = []}])}',
      ),
    ).toEqual([
      {
        s: 'say "hi" \\ tab\there\nnext é',
        n: 8000,
        f: -150,
        t: true,
        no: false,
        z: null,
        l: ["sh", "-c"],
        o: { "k-1": {} },
        e: [],
      },
    ]);
  });

  test("references, calls and conditionals become their ${…} text; templates and $${ escapes stay as written", () => {
    expect(
      jsonencodeArgument(
        '${jsonencode({"ro" = var.readonly_root_filesystem, "image" = "${var.repo}:${var.version}", ' +
          '"user" = "${var.on ? var.user : ""}", "secrets" = concat([{"name" = "A", "valueFrom" = var.a}], ' +
          '(var.b != null) ? [{"name" = "B"}] : []), "cond" = true ? 1 : 2, "idx" = ["a", "b"][0], ' +
          '"kept" = "$${not} %%{this}", "dir" = "%{if var.x}y%{endif}"})}',
      ),
    ).toEqual({
      ro: "${var.readonly_root_filesystem}",
      image: "${var.repo}:${var.version}",
      user: '${var.on ? var.user : ""}',
      secrets: '${concat([{"name" = "A", "valueFrom" = var.a}], (var.b != null) ? [{"name" = "B"}] : [])}',
      cond: "${true ? 1 : 2}",
      idx: '${["a", "b"][0]}',
      kept: "$${not} %%{this}",
      dir: "%{if var.x}y%{endif}",
    });
  });

  test.each([
    ["JSON text", '[{"name":"web"}]'],
    ["another expression", "${local.containers}"],
    ["jsonencode followed by more text", "${jsonencode(var.a)}-${var.b}"],
    ["an unterminated string", '${jsonencode({"a" = "b})}'],
    ["a bad escape", '${jsonencode({"a" = "\\q"})}'],
  ])("%s is not read here (undefined)", (_name, text) => {
    expect(jsonencodeArgument(text)).toBeUndefined();
  });

  test("a whole reference inside jsonencode is an expression naming it", () => {
    expect(jsonencodeArgument("${jsonencode(local.containers)}")).toBe("${local.containers}");
  });

  test("what the project's jsonencode writes reads back as the value (Terraform's template escapes kept)", () => {
    const value = {
      text: 'say "hi" \\ back\\slash\nnext ${not_a_reference} %{not_a_directive} $${kept} 100%',
      list: ["", '"', "\t\r", 8000, false, null],
      [`key "q" \\`]: { nested: true },
    };
    const stack = new TerraformStack(Testing.app(), "roundtrip");
    new TerraformOutput(stack, "value", { value: jsonencode(value) });
    const written = JSON.parse(Testing.synth(stack)).output.value.value as string;
    const asTerraformWritesIt = JSON.parse(JSON.stringify(value).replace(/([$%])\{/g, "$1$1{"));
    expect(jsonencodeArgument(written)).toEqual(asTerraformWritesIt);
  });
});

describe("the deployable AWS stack's task definition, read by the policy pack", () => {
  test("both containers, their booleans and their variables are read, not skipped", () => {
    const task = synthAws().resource.aws_ecs_task_definition.this as Record<string, unknown>;
    expect(String(task.container_definitions)).toMatch(/^\$\{jsonencode\(\[\{/);
    const read = ecsContainers({ type: "aws_ecs_task_definition", name: "this", body: task } as Parameters<
      typeof ecsContainers
    >[0]);
    if (!read.known) throw new Error(read.reason);
    expect(read.containers.map((c) => c.name)).toEqual(["bootstrap", "web"]);
    for (const container of read.containers) {
      expect(container.body.readonlyRootFilesystem).toBe(true);
      expect(container.body.essential).toBe(container.name === "web");
    }
    const web = containerVariables(read.containers[1]);
    expect(web.complete).toBe(true);
    expect(web.environment.get("ALLOWED_HOSTS")).toBe("mathesar.example.org");
    expect([...web.secrets.keys()].sort()).toEqual(["POSTGRES_PASSWORD", "SECRET_KEY"]);
    expect(web.secrets.get("SECRET_KEY")).toBe("${aws_secretsmanager_secret.secret_key.arn}");
  });
});
