/**
 * cdktf `Testing` snapshots of every deployable stack's synthesized configuration, with default settings:
 * a change detector, reviewed on every diff (`npx jest __tests__/standin/stack-snapshots.test.ts -u` after a
 * deliberate change). Never the only test: the planned values that matter are asserted by name in
 * plan-tier.test.ts (stand-in providers) and __tests__/terraform/aws-plan.test.ts (the real AWS provider).
 */
import { App, TerraformStack, Testing } from "cdktf";
import { TARGETS } from "../../stacks/targets";

/** Settings that vary between machines are pinned, so the snapshot depends on the code only. */
const SETTINGS: Record<string, string> = {
  MATHESAR_GOOGLE_PROJECT: "snapshot-project",
  MATHESAR_DOMAIN_NAME: "data.example.org",
};

describe("deployable stacks: synthesized configuration snapshots", () => {
  const saved = new Map<string, string | undefined>();
  beforeAll(() => {
    for (const key of Object.keys(process.env).filter(
      (k) => k.startsWith("MATHESAR_") && k !== "MATHESAR_REQUIRE_TOOLS",
    )) {
      saved.set(key, process.env[key]);
      delete process.env[key];
    }
    for (const [key, value] of Object.entries(SETTINGS)) {
      if (!saved.has(key)) saved.set(key, process.env[key]);
      process.env[key] = value;
    }
  });
  afterAll(() => {
    for (const [key, value] of saved) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  });

  test.each(TARGETS.map((t) => t.stackName))("%s", (name) => {
    const app: App = Testing.app();
    TARGETS.find((t) => t.stackName === name)!.addDeployableStack(app);
    const stacks = app.node.children.filter((c): c is TerraformStack => c instanceof TerraformStack);
    expect(stacks.length).toBeGreaterThan(0);
    for (const stack of stacks) {
      const synthesized = Testing.synth(stack);
      expect(JSON.parse(synthesized).resource).toBeDefined();
      expect(synthesized).toMatchSnapshot(stack.node.id);
    }
  });
});
