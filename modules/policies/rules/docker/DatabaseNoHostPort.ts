/** A PostgreSQL container is never published on a host port. */
import { findingsFor, resourcesOf } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";
import { containerPorts, runsPostgres } from "../../lib/docker-container";

const ID = "DOCKER_DATABASE_NO_HOST_PORT";

/** `DOCKER_DATABASE_NO_HOST_PORT`: a `docker_container` running PostgreSQL has no `ports` and no `publish_all_ports`. */
export const DatabaseNoHostPort: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: ["docker_container"],
  description:
    "A docker_container running PostgreSQL (a postgres image, or the official image's " +
    "POSTGRES_PASSWORD_FILE) has a ports block, a dynamic ports block or publish_all_ports = true.",
  explanation:
    "Mathesar's internal database holds its users, sessions and the credentials of every database Mathesar " +
    "connects to. Published on a host port it is reachable from the host's networks (Docker's port publishing " +
    "bypasses most host firewalls), protected only by a password. Mathesar reaches it on the private Docker network.",
  remediation: "Remove the ports block; reach the database with docker exec or an SSH tunnel (docs/docker.md).",
  check(config: TerraformJson): Finding[] {
    const result = findingsFor(ID);
    return resourcesOf(config, "docker_container")
      .filter((container) => runsPostgres(config, container))
      .map((container) => {
        const { ports, dynamic, all } = containerPorts(container);
        if (all) return result.nonCompliant(container.address, "publishes every exposed port (publish_all_ports).");
        if (ports.length > 0)
          return result.nonCompliant(container.address, `publishes ${ports.length} port(s) on the host.`);
        if (dynamic) return result.notApplicable(container.address, "its ports come from a dynamic block.");
        return result.compliant(container.address, "on private networks only: no host port.");
      });
  },
};
