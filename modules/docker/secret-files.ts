/**
 * How secrets reach the containers: the kreuzwerker/docker provider has no secret store for plain containers
 * (`docker_secret` is for swarm services), so each secret is uploaded as a file into the container (`upload`,
 * from a sensitive value: plans show "(sensitive value)") and a small shell prelude exports each file as its
 * variable just before the process starts. No secret is in the image, in `env` or in `docker inspect`'s
 * environment. They are in Terraform state, as with every provider: protect the state.
 */
import { Fn, type IResolvable, TerraformIterator, Token } from "cdktf";
import type { ContainerUpload } from "@cdktf/provider-docker/lib/container";
import type { Condition } from "../terraform/wiring";

/** Where the secret files are uploaded in each container. */
export const SECRETS_DIR = "/run/mathesar-secrets";

/**
 * Mode of the secret files. World-readable inside the container on purpose: the image's user may not be
 * root (the provider uploads as root), and the container runs nothing but Mathesar.
 */
export const SECRET_FILE_MODE = "0444";

/** The uploads of `secrets` (variable name → sensitive value). */
export function secretUploads(secrets: Readonly<Record<string, string>>): ContainerUpload[] {
  return Object.entries(secrets).map(([name, content]) => ({
    file: `${SECRETS_DIR}/${name}`,
    content,
    permissions: SECRET_FILE_MODE,
  }));
}

/**
 * `sh -c` running `script` after exporting every secret file as its variable. No `${` (Terraform would
 * read it as an interpolation).
 */
export function withSecretFiles(script: string): string[] {
  return [
    "sh",
    "-c",
    `for f in ${SECRETS_DIR}/*; do if [ -f "$f" ]; then export "$(basename "$f")=$(cat "$f")"; fi; done; ${script}`,
  ];
}

/** `NAME=value` entries of a container's `env`. */
export function envList(env: Readonly<Record<string, string>>): string[] {
  return Object.entries(env).map(([name, value]) => `${name}=${value}`);
}

/**
 * A nested block that exists only when `present` holds: a plain list for a known condition, a `dynamic`
 * block over a zero-or-one list for a Terraform condition (the submodules' flavour).
 */
export function optionalBlocks<T extends object>(present: Condition, item: T): T[] | IResolvable | undefined {
  if (typeof present === "boolean") return present ? [item] : undefined;
  const each = TerraformIterator.fromList(Token.asList(Fn.conditional(present, ["1"], [])));
  return each.dynamic(item as Record<string, unknown>);
}
