/** Secrets reach ECS containers through `secrets`, never `environment`. */
import { findingOf } from "../../lib/aws";
import {
  type ContainerAnswer,
  type EcsContainer,
  containerVariables,
  everyContainer,
  taskDefinitions,
} from "../../lib/ecs";
import type { Finding, PolicyRule, TerraformJson } from "../../types";
import { SECRET_VARIABLES } from "../mathesar/SecretsTypedSecret";

const ID = "AWS_ECS_NO_SECRETS_IN_ENVIRONMENT";

/** Names that look like secrets. */
export const SECRET_NAME_PATTERN = /PASSWORD|SECRET|TOKEN|KEY$/i;

/** Names that match {@link SECRET_NAME_PATTERN} but say where a secret is, or describe one, rather than hold it. */
export const NOT_SECRET_NAME_PATTERN = /(_ARN|_FILE|_PATH|_URL|_URI|_ENDPOINT|_NAME|_ID|_LENGTH|PUBLIC_KEY)$/i;

/** True for a variable that must come from `secrets`: Mathesar's secrets, and names that look like one. */
export function isSecretName(name: string): boolean {
  if (SECRET_VARIABLES.includes(name)) return true;
  return SECRET_NAME_PATTERN.test(name) && !NOT_SECRET_NAME_PATTERN.test(name);
}

/**
 * `AWS_ECS_NO_SECRETS_IN_ENVIRONMENT` (AWS-0036): no container of an `aws_ecs_task_definition` has, in
 * `environment`, a variable of {@link SECRET_VARIABLES} or whose name matches {@link SECRET_NAME_PATTERN}.
 */
export const EcsNoSecretsInEnvironment: PolicyRule = {
  id: ID,
  scannerIds: ["AWS-0036"],
  resourceTypes: ["aws_ecs_task_definition"],
  description:
    `A container of an aws_ecs_task_definition has ${SECRET_VARIABLES.join(", ")}, or a variable whose name matches ` +
    `${SECRET_NAME_PATTERN} (except names ending in _ARN, _FILE, _PATH, _URL, _URI, _ENDPOINT, _NAME, ` +
    `_ID, _LENGTH, PUBLIC_KEY; the names listed first are never exempt), in environment rather than secrets.`,
  explanation:
    "`environment` values are part of the task definition: shown in the console, returned by " +
    "ecs:DescribeTaskDefinition to anyone with read access, and stored in Terraform state. SECRET_KEY " +
    "encrypts the database credentials Mathesar saves; with it and POSTGRES_PASSWORD a reader owns every " +
    "connected database. `secrets` (valueFrom a Secrets Manager or SSM ARN) are injected at start and never shown. " +
    "This is the ECS counterpart of MATHESAR_SECRETS_TYPED_SECRET.",
  remediation:
    "Move these variables from environment to secrets (valueFrom a Secrets Manager or SSM Parameter Store ARN).",
  check(config: TerraformJson): Finding[] {
    return taskDefinitions(config).map((task) => findingOf(ID, task.address, everyContainer(task, checkContainer)));
  },
};

function checkContainer(container: EcsContainer): ContainerAnswer {
  const { environment, secrets, complete } = containerVariables(container);
  const plain = [...environment.keys()].filter(isSecretName);
  if (plain.length > 0) return { status: "bad", reason: `has secrets in environment: ${plain.join(", ")}` };
  if (!complete) return { status: "unknown", reason: "takes some variables from expressions or environmentFiles" };
  const fromSecrets = [...secrets.keys()];
  return {
    status: "ok",
    reason: fromSecrets.length > 0 ? `takes ${fromSecrets.join(", ")} from secrets` : "has no secret in environment",
  };
}
