/**
 * A deletion guard that a Terraform variable can switch. Terraform's own `prevent_destroy` must be a
 * literal, so a module could never let its users turn it off, and DigitalOcean's database clusters have no
 * deletion-protection setting of their own.
 *
 * The guard is a `terraform_data` resource that depends on everything it protects and runs a destroy-time
 * `local-exec` that fails while protection is on. Terraform destroys a resource only after everything that
 * depends on it, so the guard's refusal comes first and stops the destroy before any protected resource
 * (the cluster, Mathesar's database inside it, the `SECRET_KEY` that decrypts saved credentials) is
 * touched. It is also replaced whenever the protected resource is (its id changes), so a forced
 * replacement is refused the same way. Turning protection off is an ordinary apply; destroy works after it.
 */
import { Construct } from "constructs";
import { DataResource } from "cdktf/lib/terraform-data-resource";
import type { ITerraformDependable } from "cdktf";
import { stableAddress } from "./addresses";

/** Props of {@link DeletionGuard}. */
export interface DeletionGuardProps {
  /** Everything that must survive while protection is on: the guard depends on all of it. */
  readonly protects: ITerraformDependable[];
  /**
   * Values that change when a key resource is replaced (its id, a hash of a generated secret); the guard is
   * replaced with them, so a replacement is refused like a destroy.
   */
  readonly replaceWhenChanged: string | string[];
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

/** Refuses to let Terraform destroy or replace what it protects while `enabled` is true. */
export class DeletionGuard extends Construct {
  /** The `terraform_data` resource holding the flag (escape hatch). */
  public readonly resource: DataResource;

  constructor(scope: Construct, id: string, props: DeletionGuardProps) {
    super(scope, id);
    // `exit` and `echo … && …` mean the same in sh and in Windows cmd, where local-exec may run.
    const refuse = `echo ${JSON.stringify(props.message)} && exit 1`;
    this.resource = new DataResource(this, "Resource", {
      input: { protected: props.enabled },
      triggersReplace: {
        ids: Array.isArray(props.replaceWhenChanged) ? props.replaceWhenChanged : [props.replaceWhenChanged],
      },
      dependsOn: props.protects,
      provisioners: [
        {
          type: "local-exec",
          when: "destroy",
          command: `\${self.input.protected ? ${JSON.stringify(refuse)} : "exit 0"}`,
        },
      ],
    });
    stableAddress(this.resource, props.addressName ?? "deletion_guard");
  }
}
