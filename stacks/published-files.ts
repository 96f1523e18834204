/**
 * The scripts the published modules carry as files (`files/`, `templates/`) instead of strings: each module
 * lists the ones its configuration embeds (stacks/<target>/dist.ts), and the renderer fails when a listed text is
 * no longer in the module, so this list cannot go stale silently.
 */
import { renderComposeCaddyfile } from "../modules/compose/caddyfile";
import { renderLocalSettings } from "../modules/compose/outbound";
import { ADMIN_BOOTSTRAP_SCRIPT } from "../modules/mathesar/admin-bootstrap";
import { CADDY_TLS_MODES } from "../modules/docker/proxy";
import type { EmbeddedFile } from "./dist/hcl/module-files";

/** The admin bootstrap (checks, role and grants, locked migrations, the first admin): runs with admin credentials. */
export const ADMIN_BOOTSTRAP_FILE: EmbeddedFile = { path: "files/admin-bootstrap.py", content: ADMIN_BOOTSTRAP_SCRIPT };

/** The Caddy configuration of each TLS mode of the Docker host's proxy. */
export const CADDYFILES: readonly EmbeddedFile[] = CADDY_TLS_MODES.map((mode) => ({
  path: `files/Caddyfile.${mode}`,
  content: renderComposeCaddyfile(mode),
}));

/** Mathesar's settings override that turns off its outbound reports, mounted as config/settings/local.py. */
export const LOCAL_SETTINGS_FILE: EmbeddedFile = { path: "files/local.py", content: renderLocalSettings() };
