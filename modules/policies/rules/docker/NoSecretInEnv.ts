/** No secret is written into a container's plain environment. */
import { findingsFor, resourcesOf } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";
import { containerEnv } from "../../lib/docker-container";

const ID = "DOCKER_NO_SECRET_IN_ENV";

/** Variable names that carry a secret (a `_FILE` variant names a file, not the secret). */
export const SECRET_ENV_PATTERN = /(PASSWORD|SECRET|SECRET_KEY|TOKEN|SSO_CONFIG_DICT|PRIVATE_KEY)$/;

/** `DOCKER_NO_SECRET_IN_ENV`: no `env` entry of a `docker_container` sets a secret's value. */
export const NoSecretInEnv: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: ["docker_container"],
  description:
    "A docker_container's env sets a variable whose name ends in PASSWORD, SECRET, SECRET_KEY, TOKEN, PRIVATE_KEY or is SSO_CONFIG_DICT.",
  explanation:
    "A container's environment is shown by docker inspect to anyone with access to the Docker socket, copied " +
    "into every process the container starts and into crash reports. Mathesar's SECRET_KEY decrypts every " +
    "database credential it saved. Upload secrets as files (upload blocks, or the official images' *_FILE " +
    "variables) and read them at start.",
  remediation:
    "Move the value into an upload block (a file under /run/...) and export it in the start command, or use the image's *_FILE variable.",
  check(config: TerraformJson): Finding[] {
    const result = findingsFor(ID);
    return resourcesOf(config, "docker_container").map((container) => {
      const secrets = Object.keys(containerEnv(container)).filter((name) => SECRET_ENV_PATTERN.test(name));
      return secrets.length > 0
        ? result.nonCompliant(container.address, `sets ${secrets.join(", ")} in plain env.`)
        : result.compliant(container.address, "no secret in env.");
    });
  },
};
