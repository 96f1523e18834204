/** ECS containers run on a read-only root filesystem. */
import { findingOf } from "../../lib/aws";
import { type ContainerAnswer, type EcsContainer, everyContainer, taskDefinitions } from "../../lib/ecs";
import { dependsOn, isExpression, isUnset, literalBoolean } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "AWS_ECS_READONLY_ROOT_FILESYSTEM";

/** `AWS_ECS_READONLY_ROOT_FILESYSTEM` (CKV_AWS_336): every container of an `aws_ecs_task_definition` sets `readonlyRootFilesystem: true`. */
export const EcsReadonlyRootFilesystem: PolicyRule = {
  id: ID,
  scannerIds: ["CKV_AWS_336"],
  resourceTypes: ["aws_ecs_task_definition"],
  description:
    "A container of an aws_ecs_task_definition does not set readonlyRootFilesystem to true (the default is a writable root).",
  explanation:
    "With a writable root, code that gets into the container (a malicious upload, a dependency) can replace " +
    "Mathesar's own files and persist until the task is replaced. Mathesar writes only its static files, " +
    "uploads and /tmp; mount volumes there and keep the rest read-only (readonlyRootFilesystem = true).",
  remediation:
    "Set readonlyRootFilesystem: true and mount volumes for the paths the container writes (for Mathesar: static files, uploads and /tmp).",
  check(config: TerraformJson): Finding[] {
    return taskDefinitions(config).map((task) => findingOf(ID, task.address, everyContainer(task, checkContainer)));
  },
};

function checkContainer(container: EcsContainer): ContainerAnswer {
  const value = container.body.readonlyRootFilesystem;
  if (isExpression(value)) return { status: "unknown", reason: `readonlyRootFilesystem ${dependsOn(value)}` };
  if (literalBoolean(value) === true) return { status: "ok", reason: "readonlyRootFilesystem = true" };
  return {
    status: "bad",
    reason: isUnset(value)
      ? "has a writable root (readonlyRootFilesystem not set)"
      : `readonlyRootFilesystem = ${JSON.stringify(value)}`,
  };
}
