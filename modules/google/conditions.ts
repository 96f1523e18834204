/**
 * The conditions the Google wiring and its cross-field rules decide on, written once over the wiring's
 * vocabulary: known booleans for the construct, Terraform conditions for the published module.
 */
import { Fn, Op, Token } from "cdktf";
import { type Condition, all, any, equal, isPresent, not } from "../terraform/wiring";
import type { MathesarOnGoogleCloudProps } from "./props";

/** Whether a list has an entry: `length(list) > 0` for a Terraform list. */
export function nonEmpty(list: readonly string[] | undefined): Condition {
  if (list === undefined) return false;
  return Token.isUnresolved(list) ? Token.asString(Op.gte(Fn.lengthOf(list), 1)) : list.length > 0;
}

/** Whether Mathesar runs on Cloud Run (not the VM). */
export function onCloudRun(props: MathesarOnGoogleCloudProps): Condition {
  return equal(props.runtime ?? "cloud_run", "cloud_run");
}

/** Whether the HTTPS load balancer is in front (Cloud Run, or a VM with edge `load_balancer`). */
export function behindLoadBalancer(props: MathesarOnGoogleCloudProps): Condition {
  return any(onCloudRun(props), not(equal(props.vm?.edge ?? "load_balancer", "caddy")));
}

/** Whether IAP guards the load balancer: members are given. */
export function iapOn(props: MathesarOnGoogleCloudProps): Condition {
  return props.iap === undefined ? false : nonEmpty(props.iap.members);
}

/** Whether a Cloud Armor policy is created. */
export function cloudArmorOn(props: MathesarOnGoogleCloudProps): Condition {
  return isPresent(props.cloudArmor);
}

/** Whether an existing database is used (then no Cloud SQL is created). */
export function existingDatabase(props: MathesarOnGoogleCloudProps): Condition {
  return isPresent(props.database?.existing);
}

/** Whether both of two optional values are given. */
export function bothGiven(a: unknown, b: unknown): Condition {
  return all(isPresent(a), isPresent(b));
}
