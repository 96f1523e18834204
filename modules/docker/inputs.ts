/** Input rules only the Docker host target has. */
import { PINNED_IMAGE_PATTERN } from "../compose/images";
import { type InputRule, oneOfRule, patternRule } from "../terraform/input-rule";
import { DOCKER_TLS_MODES } from "./defaults";

/**
 * Longest container, network and volume name prefix: the longest container name, `<name>-bootstrap`, is then
 * 63 characters, one DNS label (containers resolve each other by name on the private network).
 */
export const DOCKER_NAME_MAX_LENGTH = 63 - "-bootstrap".length;

const PINNED = patternRule(PINNED_IMAGE_PATTERN, "");

/**
 * A pinned image reference (`registry/path:tag`, with or without `@sha256:` digest, or a bare digest), never
 * `latest` and never without a tag: the same rule the Compose bundle applies to its `.env`.
 */
export const DOCKER_PINNED_IMAGE_RULE: InputRule<string> = {
  allowed:
    'a pinned image reference such as "docker.io/library/postgres:17.6" or ' +
    '"registry.example.org/mirror/caddy:2.10.2" (a tag other than latest, or an @sha256: digest)',
  test: (value) => PINNED.test(value) && !/:latest(@|$)/.test(value),
  condition: (ref) => `${PINNED.condition(ref)} && !can(regex(":latest(@|$)", ${ref}))`,
};

/** How Caddy gets its certificate, or `none`. */
export const DOCKER_TLS_RULE = oneOfRule(DOCKER_TLS_MODES);

/** An IPv4 address to publish Mathesar's port on when no Caddy is in front. */
export const DOCKER_BIND_ADDRESS_RULE = patternRule(
  "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])",
  'an IPv4 address such as "127.0.0.1" (this host only) or "10.0.0.5"',
);
