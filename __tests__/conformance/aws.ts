/** The AWS adapter of the conformance suite. */
import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { MathesarOnAws, MathesarOnAwsProps } from "../../modules/aws";
import type { MathesarBaseProps } from "../../modules/mathesar";
import { renderAwsModule, synthAws } from "../support/synth";
import type { ConformanceTarget } from "./target";

type ContainerDefinition = {
  name: string;
  image: string;
  environment: Array<{ name: string; value: string }>;
  secrets: Array<{ name: string; valueFrom: string }>;
  command?: string[];
};

const withDomain = (props: MathesarBaseProps) =>
  ({ domainName: "mathesar.example.org", ...props }) as MathesarOnAwsProps;

/** AWS: ECS Fargate + RDS + ALB. */
export const awsTarget: ConformanceTarget = {
  name: "AWS",
  deploy: (props) => {
    const config = synthAws(withDomain(props));
    // The task definition embeds references only Terraform resolves; the construct keeps the definitions as objects.
    const stack = new TerraformStack(Testing.app(), "inspect");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    const mathesar = new MathesarOnAws(stack, "Mathesar", withDomain(props));
    const healthCheckPath = config.resource.aws_lb_target_group.this.health_check.path as string;
    const containers = (mathesar.service.containerDefinitions as ContainerDefinition[]).map((d) => ({
      address: `aws_ecs_task_definition.this/${d.name}`,
      role: d.name === "bootstrap" ? ("bootstrap" as const) : ("service" as const),
      image: d.image,
      plainEnv: Object.fromEntries(d.environment.map((e) => [e.name, e.value])),
      secretEnv: d.secrets.map((s) => s.name),
      healthCheckPath: d.name === "web" ? healthCheckPath : undefined,
      command: (d.command ?? []).join(" "),
    }));
    return { config, containers, outputNames: Object.keys(config.output ?? {}) };
  },
  build: (props) => {
    const stack = new TerraformStack(Testing.app(), "conformance");
    new AwsProvider(stack, "aws", { region: "us-east-1" });
    new MathesarOnAws(stack, "Mathesar", withDomain(props));
  },
  moduleRoot: () => renderAwsModule().modules[""],
  ssoVariable: {
    name: "sso_config_secret_arn",
    value: "arn:aws:secretsmanager:us-east-1:123456789012:secret:mathesar-sso-AbCdEf",
  },
  ssoProps: (requireSsoLogin) => ({
    sso: {
      configSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:mathesar-sso-AbCdEf",
      requireSsoLogin,
    },
  }),
};
