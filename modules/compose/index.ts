/** Mathesar on any Docker host with Docker Compose: the bundle's generators (docs/docker.md). */
export * from "./bundle";
export * from "./options";
export * from "./images";
export * from "./outbound";
export * from "./environment";
export { BUNDLE_PATHS, LOG_ROTATION, composeVolumes, renderComposeFile } from "./compose-file";
export { BACKUP_FILES } from "./backup-scripts";
export { CADDY_TLS_FILES, TLS_FILES_IN_BUNDLE, renderComposeCaddyfile } from "./caddyfile";
export { NGINX_FILES, CERTBOT_WEBROOT, NGINX_HEALTH_PATH } from "./nginx";
export { generatedSecrets, SECRET_KEY_LENGTH, PASSWORD_LENGTH } from "./secrets-script";
