/**
 * A deletion guard that can be switched by a Terraform variable. Terraform's own `prevent_destroy` must be
 * a literal, so a module could never let its users turn it off; DigitalOcean's database clusters have no
 * deletion-protection setting of their own. The guard is a `terraform_data` resource that depends on the
 * protected resource and fails its own destruction while protection is on, so Terraform stops before it
 * destroys (or replaces) the protected resource. Turning protection off is an apply; destroy works after it.
 */
import { Construct } from "constructs";
import { DataResource } from "cdktf/lib/terraform-data-resource";
import { TerraformResource } from "cdktf";
import { stableAddress } from "./addresses";

/** Props of {@link DeletionGuard}. */
export interface DeletionGuardProps {
  /** The resource to protect. Its `id` changing (replacement) also trips the guard. */
  readonly protects: TerraformResource & { readonly id: string };
  /** Whether protection is on (may be a Terraform variable). */
  readonly enabled: boolean | string;
  /** What to tell the person whose destroy was refused. */
  readonly message: string;
  /**
   * Terraform address name of the guard.
   * @default "deletion_guard"
   */
  readonly addressName?: string;
}

/** Refuses to let Terraform destroy or replace a resource while `enabled` is true. */
export class DeletionGuard extends Construct {
  /** The `terraform_data` resource holding the flag. */
  public readonly resource: DataResource;

  constructor(scope: Construct, id: string, props: DeletionGuardProps) {
    super(scope, id);
    // `exit` and `echo … && …` mean the same in sh and in Windows cmd, where local-exec may run.
    const refuse = `echo ${JSON.stringify(props.message)} && exit 1`;
    this.resource = new DataResource(this, "Resource", {
      input: { protected: props.enabled },
      dependsOn: [props.protects],
      provisioners: [
        {
          type: "local-exec",
          when: "destroy",
          command: `\${self.input.protected ? ${JSON.stringify(refuse)} : "exit 0"}`,
        },
      ],
      // A reference, not an interpolation: Terraform's JSON syntax takes lifecycle references bare.
      lifecycle: { replaceTriggeredBy: [`${props.protects.terraformResourceType}.${props.protects.friendlyUniqueId}.id`] },
    });
    stableAddress(this.resource, props.addressName ?? "deletion_guard");
  }
}
