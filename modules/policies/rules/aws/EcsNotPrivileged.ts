/** ECS containers are not privileged. */
import { findingOf } from "../../lib/aws";
import { type ContainerAnswer, type EcsContainer, everyContainer, taskDefinitions } from "../../lib/ecs";
import { dependsOn, isExpression, isUnset, literalBoolean } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_ECS_NOT_PRIVILEGED";

/** `AWS_ECS_NOT_PRIVILEGED` (CKV_AWS_334): no container of an `aws_ecs_task_definition` sets `privileged: true`. */
export const EcsNotPrivileged: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_AWS_334"],
  resourceTypes: ["aws_ecs_task_definition"],
  description: "A container of an aws_ecs_task_definition sets privileged to true.",
  explanation:
    "A privileged container has root on the host: anything that compromises Mathesar reaches every other " +
    "task on the instance. Mathesar needs no privilege (Fargate refuses it anyway).",
  remediation: "Remove privileged (or set it to false).",
  check(config: TerraformJson): Finding[] {
    return taskDefinitions(config).map((task) => findingOf(ID, task.address, everyContainer(task, checkContainer)));
  },
};

function checkContainer(container: EcsContainer): ContainerAnswer {
  const value = container.body.privileged;
  if (isUnset(value)) return { status: "ok", reason: "is not privileged" };
  if (isExpression(value)) return { status: "unknown", reason: `privileged ${dependsOn(value)}` };
  return literalBoolean(value) === false
    ? { status: "ok", reason: "privileged = false" }
    : { status: "bad", reason: `privileged = ${JSON.stringify(value)}` };
}
