/**
 * The Docker host rules: the one place they are registered. Each file `<RuleName>.ts` exports the rule
 * `<RuleName>` (id `DOCKER_<RULE_NAME>`, rule-id.ts); the pack finds the rules here.
 */
export { DatabaseNoHostPort } from "./DatabaseNoHostPort";
export { ImagePinned } from "./ImagePinned";
export { NoSecretInEnv, SECRET_ENV_PATTERN } from "./NoSecretInEnv";
export { TlsInFront } from "./TlsInFront";
