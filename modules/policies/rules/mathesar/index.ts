/**
 * The cross-cloud Mathesar rules (App Platform specs, ECS container definitions, Cloud Run containers): the
 * one place they are registered. Each file `<RuleName>.ts` exports the rule `<RuleName>` (id
 * `MATHESAR_<RULE_NAME>`, rule-id.ts) and its public constants; the pack finds the rules here.
 */
export { NoClaimableSetup } from "./NoClaimableSetup";
export { PinnedImage } from "./PinnedImage";
export { PostgresConnectionSet, REQUIRED_POSTGRES_VARIABLES } from "./PostgresConnectionSet";
export { MANAGED_DATABASE_TYPES, PostgresSslRequired } from "./PostgresSslRequired";
export { SECRET_VARIABLES, SecretsTypedSecret } from "./SecretsTypedSecret";
