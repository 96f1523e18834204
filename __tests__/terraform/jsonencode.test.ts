/**
 * The project's `jsonencode` (modules/terraform/jsonencode.ts), proven by Terraform: a value written
 * through it and evaluated by `terraform plan` is the value, byte for byte once parsed, whatever its
 * strings hold (quotes, backslashes, newlines, control characters, `${`, `%{`, their escapes) and with
 * nulls, booleans and numbers keeping their JSON types. cdktf's `Fn.jsonencode` alone is refused.
 */
import { Fn, TerraformOutput, TerraformStack, Testing } from "cdktf";
import { jsonencode } from "../../modules/terraform";
import { TerraformWorkspace, awsProviderMirror } from "../support/terraform";
import { describeWithTool, hasTool } from "../support/tools";

/** Text a shell command or an HCL string could get wrong. */
const AWKWARD = 'say "hi" \\ back\\slash\nnext line ${not_a_reference} %{not_a_directive} $${kept} %%{kept} 100% $';

const workspaces: TerraformWorkspace[] = [];

/** The planned value of each output of a stack (Terraform's own evaluation; no provider needed). */
function planOutputs(label: string, stack: TerraformStack): Record<string, unknown> {
  // The workspace's CLI configuration names the AWS mirror; these configurations need no provider at all.
  const ws = new TerraformWorkspace(awsProviderMirror() ?? "/nonexistent", label);
  workspaces.push(ws);
  ws.write("main.tf.json", Testing.synth(stack));
  const planned = ws.planJson().plan as unknown as { planned_values: { outputs: Record<string, { value: unknown }> } };
  return Object.fromEntries(Object.entries(planned.planned_values.outputs).map(([name, o]) => [name, o.value]));
}

describeWithTool("terraform", hasTool("terraform", ["version"]), "jsonencode() as Terraform evaluates it", () => {
  afterAll(() => workspaces.forEach((ws) => ws.dispose()));

  test("any key and value comes back exactly, JSON types kept", () => {
    const value = {
      text: AWKWARD,
      [`key "${"$"}{x}" %{y} \\`]: [AWKWARD, "", '"', '"quoted"', "\t\r\u0001", "%", null, 8000, -1.5, true],
      nested: { off: false, none: null, empty: {}, list: [] },
    };
    const stack = new TerraformStack(Testing.app(), "encode");
    new TerraformOutput(stack, "encoded", { value: jsonencode(value) });
    expect(JSON.parse(planOutputs("encode", stack).encoded as string)).toEqual(value);
  });

  test("a literal $ right before a reference is refused at synth, with the text", () => {
    // HCL has no way to write it: "$${" is the escape for a literal "${".
    expect(() => jsonencode({ price: `$${Fn.upper("x")}` })).toThrow(
      /literal "\$" directly before a Terraform reference/,
    );
  });

  test("cdktf's Fn.jsonencode alone leaves the quotes unescaped, and Terraform refuses the configuration", () => {
    const stack = new TerraformStack(Testing.app(), "raw");
    new TerraformOutput(stack, "raw", { value: Fn.jsonencode({ text: AWKWARD }) });
    expect(() => planOutputs("raw", stack)).toThrow(/terraform (init|validate|plan) failed/);
  });
});
