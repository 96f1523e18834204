/** The role that starts ECS tasks is not the role the containers run with. */
import { findingOf, verdict, type Verdict } from "../../lib/aws";
import { taskDefinitions } from "../../lib/ecs";
import { isExpression, isUnset, literalString, soleResourceAttribute } from "../../lib/terraform-json";
import type { Finding, JsonObject, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_ECS_SEPARATE_TASK_ROLE";

/** `AWS_ECS_SEPARATE_TASK_ROLE` (CKV_AWS_249): no `aws_ecs_task_definition` uses the same role for `execution_role_arn` and `task_role_arn`. */
export const EcsSeparateTaskRole: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_AWS_249"],
  resourceTypes: ["aws_ecs_task_definition"],
  description:
    "An aws_ecs_task_definition has the same role as execution_role_arn and task_role_arn. A literal ARN against a " +
    "reference, or expressions that are not resource attributes, cannot be compared: not_applicable.",
  explanation:
    "The execution role may read the task's secrets (SECRET_KEY, database passwords) and pull images; the task " +
    "role is what code inside the container gets. The same role for both hands every secret of the task, " +
    "readable through the AWS API, to anything running in Mathesar's container. Mathesar calls no AWS API: " +
    "give it a task role with no permissions, or none.",
  remediation: "Give task_role_arn a role of its own (for Mathesar, one with no permissions), or leave it unset.",
  check(config: TerraformJson): Finding[] {
    return taskDefinitions(config).map((task) => findingOf(ID, task.address, checkTask(task.body)));
  },
};

/** What a role value names: a literal ARN, or the resource whose attribute it is. */
function roleIdentity(value: unknown): string | undefined {
  return isExpression(value) ? soleResourceAttribute(value) : literalString(value);
}

function checkTask(body: JsonObject): Verdict {
  const execution = body.execution_role_arn;
  const task = body.task_role_arn;
  if (isUnset(task)) return verdict.compliant("no task_role_arn: the containers get no AWS credentials.");
  if (isUnset(execution)) return verdict.compliant("no execution_role_arn: only the task role exists.");
  const [executionRole, taskRole] = [roleIdentity(execution), roleIdentity(task)];
  if (execution === task || (executionRole !== undefined && executionRole === taskRole)) {
    return verdict.nonCompliant(
      `execution_role_arn and task_role_arn are both ${JSON.stringify(task)}: the containers can read every secret of the task.`,
    );
  }
  // Two literal ARNs, or two attributes of resources, can be compared; a literal against a reference cannot.
  const sameKind = isExpression(execution) === isExpression(task);
  if (executionRole !== undefined && taskRole !== undefined && sameKind) {
    return verdict.compliant(`execution role ${executionRole}, task role ${taskRole}.`);
  }
  return verdict.notApplicable(
    `cannot tell whether execution_role_arn ${JSON.stringify(execution)} and task_role_arn ${JSON.stringify(task)} name different roles.`,
  );
}
