/** Mathesar's plain HTTP port is never published beyond the host: TLS (Caddy, or the user's proxy) is in front. */
import { MATHESAR_PORT } from "../../../mathesar/image";
import { findingsFor, literalNumber, literalString, resourcesOf } from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";
import { containerImage, containerPorts } from "../../lib/docker-container";

const ID = "DOCKER_TLS_IN_FRONT";

/** Host addresses that only this host reaches. */
const LOOPBACK = /^(127\.[0-9.]+|::1|localhost)$/;

/** `DOCKER_TLS_IN_FRONT`: a Mathesar container publishes port 8000 on a loopback address at most. */
export const TlsInFront: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: ["docker_container"],
  description:
    "A docker_container running the Mathesar image publishes its HTTP port (8000) on a non-loopback or unspecified host address, or publishes all ports.",
  explanation:
    "Mathesar serves plain HTTP: published beyond the host, its login form, session cookies and the database " +
    "credentials users type travel in clear text, and Django's secure-cookie settings break. Put Caddy in front " +
    "(automatic HTTPS) or publish on 127.0.0.1 for your own TLS proxy on the host.",
  remediation:
    'Use tls = "acme", "internal" or "files" (Caddy), or app_bind_address = "127.0.0.1" with your own HTTPS proxy.',
  check(config: TerraformJson): Finding[] {
    const result = findingsFor(ID);
    return resourcesOf(config, "docker_container")
      .filter((container) => /(^|\/)mathesar\/mathesar[:@]/.test(containerImage(config, container) ?? ""))
      .map((container) => {
        const { ports, dynamic, all } = containerPorts(container);
        if (all) return result.nonCompliant(container.address, "publishes every exposed port (publish_all_ports).");
        const http = ports.filter((port) => literalNumber(port.internal) === MATHESAR_PORT);
        const open = http.filter((port) => !LOOPBACK.test(literalString(port.ip) ?? ""));
        if (open.length > 0)
          return result.nonCompliant(
            container.address,
            `publishes plain HTTP on ${open.map((p) => literalString(p.ip) ?? "every address").join(", ")}.`,
          );
        if (dynamic)
          return result.notApplicable(container.address, "its ports come from a dynamic block (the module's choice).");
        return result.compliant(
          container.address,
          http.length > 0
            ? "plain HTTP on loopback only, for a proxy on the host."
            : "no host port: a proxy is in front.",
        );
      });
  },
};
