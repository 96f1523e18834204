/**
 * Reading ECS task definitions, the counterpart of app-platform.ts: the containers of an
 * `aws_ecs_task_definition`, the environment and secrets each one sees, and whether it runs Mathesar.
 *
 * `container_definitions` is a JSON *string*: either `${jsonencode(<HCL object>)}` (this project's, read by
 * hcl-value.ts) or JSON text that Terraform renders as a template. The text may hold interpolations inside
 * JSON strings (`"value":"${aws_db_instance.this.address}"`) and, for booleans and numbers known only to
 * Terraform, unquoted ones (`"readonlyRootFilesystem":${var.readonly}`). Before parsing, every
 * interpolation is turned into a JSON string holding its own text, so that a rule reading it sees an
 * expression (`isExpression`) and reports `not_applicable`, naming the variable.
 */
import { ADMIN_BOOTSTRAP_SCRIPT, adminBootstrapShellCommand } from "../../mathesar/admin-bootstrap";
import { MATHESAR_IMAGE_REPOSITORY, MATHESAR_START_COMMAND } from "../../mathesar/image";
import type { JsonObject, TerraformJson } from "../types";
import { type Verdict, verdict } from "./aws";
import { jsonencodeArgument } from "./hcl-value";
import {
  type ResourceRef,
  dependsOn,
  hasTemplate,
  isExpression,
  isObject,
  literalString,
  resourcesOf,
} from "./terraform-json";

/** The container that creates the first admin before Mathesar serves (modules/aws/service.ts). */
export const ECS_BOOTSTRAP_CONTAINER = "bootstrap";

/** One container of a task definition. */
export interface EcsContainer {
  /** The `aws_ecs_task_definition` it belongs to. */
  readonly taskDefinition: ResourceRef;
  /** Its `name` (or its position when the name is an expression). */
  readonly name: string;
  /** Its definition, as ECS reads it (camelCase keys). */
  readonly body: JsonObject;
  /** `container "web"`, for messages. */
  readonly label: string;
}

/** The containers of a task definition, or why they cannot be read. */
export type EcsContainers =
  { readonly known: true; readonly containers: EcsContainer[] } | { readonly known: false; readonly reason: string };

/** Every `aws_ecs_task_definition` in the configuration. */
export function taskDefinitions(config: TerraformJson): ResourceRef[] {
  return resourcesOf(config, "aws_ecs_task_definition");
}

/** The containers of a task definition, parsed from `container_definitions`. */
export function ecsContainers(task: ResourceRef): EcsContainers {
  const definitions = task.body.container_definitions;
  let parsed: unknown = definitions;
  const encoded = typeof definitions === "string" ? jsonencodeArgument(definitions) : undefined;
  if (encoded !== undefined) {
    parsed = encoded;
  } else if (typeof definitions === "string") {
    try {
      parsed = JSON.parse(quoteTemplates(definitions));
    } catch {
      return { known: false, reason: "container_definitions is not JSON that can be read without Terraform" };
    }
  }
  if (!Array.isArray(parsed)) {
    if (isExpression(parsed)) return { known: false, reason: `container_definitions ${dependsOn(parsed)}` };
    return { known: false, reason: "container_definitions is not a JSON list of containers" };
  }
  const containers = parsed.filter(isObject).map((body, index): EcsContainer => {
    const name = literalString(body.name) ?? `#${index + 1}`;
    return { taskDefinition: task, name, body, label: `container "${name}"` };
  });
  return { known: true, containers };
}

/**
 * Makes a rendered-template JSON text parseable: each `${…}` or `%{…}` becomes a JSON string holding its
 * text (escaped inside a JSON string, quoted outside one). `$${` and `%%{` are literal text and stay.
 */
export function quoteTemplates(text: string): string {
  let out = "";
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    const isTemplateStart = ch === "$" || ch === "%";
    if (isTemplateStart && text[i + 1] === ch && text[i + 2] === "{") {
      out += ch + ch;
      i++;
      continue;
    }
    if (isTemplateStart && text[i + 1] === "{") {
      const end = closingBrace(text, i + 1);
      if (end >= 0) {
        // Inside a JSON string its quotes arrive escaped (\"); outside they are bare. Quote either way.
        const quoted = JSON.stringify(text.slice(i, end + 1).replace(/\\"/g, '"'));
        out += inString ? quoted.slice(1, -1) : quoted;
        i = end;
        continue;
      }
    }
    if (inString && ch === "\\") {
      out += ch + (text[i + 1] ?? "");
      i++;
      continue;
    }
    if (ch === '"') inString = !inString;
    out += ch;
  }
  return out;
}

/** Index of the `}` closing the `{` at `open` (braces counted, quotes ignored), or -1. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    if (text[i] === "{") depth++;
    else if (text[i] === "}" && --depth === 0) return i;
  }
  return -1;
}

/** A container's variables: plain `environment` and `secrets` (Secrets Manager or SSM references). */
export interface ContainerVariables {
  /** `environment` values by name (a missing value is an empty string, as ECS sets it). */
  readonly environment: ReadonlyMap<string, unknown>;
  /** `secrets` `valueFrom` by name. */
  readonly secrets: ReadonlyMap<string, unknown>;
  /** False when a list, or a name, is an expression, or when `environmentFiles` may add variables. */
  readonly complete: boolean;
}

/** The variables a container starts with. */
export function containerVariables(container: EcsContainer): ContainerVariables {
  let complete = container.body.environmentFiles === undefined;
  const read = (list: unknown, valueKey: string): Map<string, unknown> => {
    const entries = new Map<string, unknown>();
    if (list === undefined || list === null) return entries;
    if (!Array.isArray(list)) {
      complete = false;
      return entries;
    }
    for (const entry of list) {
      const name = isObject(entry) ? literalString(entry.name) : undefined;
      if (name === undefined || !isObject(entry)) {
        complete = false;
        continue;
      }
      entries.set(name, entry[valueKey] ?? "");
    }
    return entries;
  };
  const environment = read(container.body.environment, "value");
  const secrets = read(container.body.secrets, "valueFrom");
  return { environment, secrets, complete };
}

/** The image repository's last path segment, e.g. `mathesar` (also for mirrors such as `…/mirror/mathesar`). */
const MATHESAR_IMAGE_NAME = MATHESAR_IMAGE_REPOSITORY.split("/").pop() as string;

/** The repository part of an image reference: without `@digest` and without `:tag`. */
export function imageRepository(reference: string): string {
  const withoutDigest = reference.split("@")[0];
  const colon = withoutDigest.lastIndexOf(":");
  return colon > withoutDigest.lastIndexOf("/") ? withoutDigest.slice(0, colon) : withoutDigest;
}

/**
 * Whether a container runs Mathesar: `yes` when its image repository is Mathesar's (or a mirror of the
 * same name) or its command is Mathesar's start or bootstrap command; `unknown` when the repository is an
 * expression and nothing else tells; `no` otherwise.
 */
export function containerRunsMathesar(container: EcsContainer): "yes" | "no" | "unknown" {
  const command = [container.body.entryPoint, container.body.command]
    .flatMap((part) => (Array.isArray(part) ? part : []))
    .filter((part): part is string => typeof part === "string")
    .join(" ");
  if (
    command.includes(MATHESAR_START_COMMAND[1]) ||
    command.includes(adminBootstrapShellCommand()) ||
    command.includes(ADMIN_BOOTSTRAP_SCRIPT)
  ) {
    return "yes";
  }
  const image = container.body.image;
  if (typeof image !== "string") return image === undefined ? "no" : "unknown";
  // The last path segment names the image; a registry given by a variable in front of it does not matter.
  const name = imageRepository(image.trim()).split("/").pop() ?? "";
  if (hasTemplate(name)) return "unknown";
  return name === MATHESAR_IMAGE_NAME ? "yes" : "no";
}

/** One container's answer to a rule that every container must pass; `reason` is shown in the finding. */
export interface ContainerAnswer {
  /** `ok` passes, `bad` fails the task definition, `unknown` leaves it to Terraform. */
  readonly status: "ok" | "bad" | "unknown";
  /** What was found, e.g. `readonlyRootFilesystem = true`. */
  readonly reason: string;
}

/**
 * The verdict on a task definition for a rule every container must pass: non-compliant when one container
 * fails, not applicable when one cannot be read (or the definitions cannot), compliant otherwise.
 */
export function everyContainer(task: ResourceRef, check: (container: EcsContainer) => ContainerAnswer): Verdict {
  const definitions = ecsContainers(task);
  if (!definitions.known) return verdict.notApplicable(`${definitions.reason}: its containers cannot be read here.`);
  if (definitions.containers.length === 0) return verdict.notApplicable("defines no containers.");
  const answers = definitions.containers.map((container) => ({ container, ...check(container) }));
  const describe = (status: ContainerAnswer["status"]) =>
    answers.filter((answer) => answer.status === status).map((answer) => `${answer.container.label} ${answer.reason}`);
  const bad = describe("bad");
  if (bad.length > 0) return verdict.nonCompliant(`${bad.join("; ")}.`);
  const unknown = describe("unknown");
  if (unknown.length > 0) return verdict.notApplicable(`cannot tell: ${unknown.join("; ")}.`);
  return verdict.compliant(`${describe("ok").join("; ")}.`);
}
