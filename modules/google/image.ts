/** Image references on Google Cloud: Docker Hub images are named with their registry. */
import { Fn, Token } from "cdktf";
import { isToken } from "../mathesar";
import { DOCKER_HUB_REGISTRY } from "./catalog";

/** A repository's first path segment names a registry when it has a dot or a port (`us-docker.pkg.dev`, `host:5000`). */
export const REGISTRY_HOST_PATTERN = "^[^/]*[.:]";

/**
 * `repository:version`, with `docker.io/` in front of a Docker Hub repository (`mathesar/mathesar`), so Cloud
 * Run and Docker pull from Docker Hub rather than guessing. Works for known values and Terraform expressions.
 */
export function googleImage(repository: string, version: string): string {
  if (!isToken(repository) && !isToken(version)) {
    const qualified = new RegExp(REGISTRY_HOST_PATTERN).test(repository)
      ? repository
      : `${DOCKER_HUB_REGISTRY}/${repository}`;
    return `${qualified}:${version}`;
  }
  const qualified = Fn.conditional(
    Fn.can(Fn.regex(REGISTRY_HOST_PATTERN, repository)),
    repository,
    Fn.format(`${DOCKER_HUB_REGISTRY}/%s`, [repository]),
  );
  return Token.asString(Fn.format("%s:%s", [qualified, version]));
}
