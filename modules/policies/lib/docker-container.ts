/** What the Docker rules share: reading a `docker_container`'s image, environment and published ports. */
import { blocks, isObject, literalString, resourcesOf, type ResourceRef } from "./terraform-json";
import type { JsonObject, TerraformJson } from "../types";

/** The image reference a container runs: its literal `image`, or the `name` of the `docker_image` it refers to. */
export function containerImage(config: TerraformJson, container: ResourceRef): string | undefined {
  const image = container.body.image;
  const literal = literalString(image);
  if (literal !== undefined) return literal;
  const match = typeof image === "string" ? /^\$\{docker_image\.([\w-]+)\.(image_id|name)\}$/.exec(image) : null;
  if (!match) return undefined;
  const source = resourcesOf(config, "docker_image").find((r) => r.name === match[1]);
  return source ? literalString(source.body.name) : undefined;
}

/** `env` entries as name → value (the value as written, possibly an expression). */
export function containerEnv(container: ResourceRef): Record<string, string> {
  const env = Array.isArray(container.body.env) ? container.body.env : [];
  return Object.fromEntries(
    env
      .filter((entry): entry is string => typeof entry === "string" && entry.includes("="))
      .map((entry) => [entry.slice(0, entry.indexOf("=")), entry.slice(entry.indexOf("=") + 1)]),
  );
}

/** The container's `ports` blocks, and whether a `dynamic "ports"` or `publish_all_ports` makes them unknowable. */
export function containerPorts(container: ResourceRef): { ports: JsonObject[]; dynamic: boolean; all: boolean } {
  const dynamic = isObject(container.body.dynamic) && container.body.dynamic.ports !== undefined;
  const all = container.body.publish_all_ports === true || container.body.publish_all_ports === "true";
  return { ports: blocks(container.body.ports), dynamic, all };
}

/** Whether a container runs PostgreSQL: a postgres image, or the official image's POSTGRES_PASSWORD(_FILE). */
export function runsPostgres(config: TerraformJson, container: ResourceRef): boolean {
  const image = containerImage(config, container) ?? "";
  const env = containerEnv(container);
  return /(^|\/)postgres(ql)?[:@]/.test(image) || "POSTGRES_PASSWORD_FILE" in env || "PGDATA" in env;
}
