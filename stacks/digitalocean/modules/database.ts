/** `modules/database` of terraform-digitalocean-mathesar: the managed PostgreSQL block as a module. */
import { Construct } from "constructs";
import { Fn } from "cdktf";
import { DigitaloceanProvider } from "@cdktf/provider-digitalocean/lib/provider";
import { MathesarDoDatabase } from "../../../modules/digitalocean";
import { ModuleStack } from "../../../modules/terraform";
import { DO_MODULE_PROVIDERS } from "../providers";
import { DO_VARIABLES } from "../variables";

/** Managed PostgreSQL holding Mathesar's internal database and role, guarded against deletion. */
export class DoDatabaseModule extends ModuleStack {
  public readonly description =
    "A managed PostgreSQL cluster in a VPC with Mathesar's internal database and role. Deletion protection is the caller's: the root module guards this module together with the app and its secrets.";

  constructor(scope: Construct, id: string) {
    super(scope, id, { digitalocean: DO_MODULE_PROVIDERS.digitalocean });
    new DigitaloceanProvider(this, "digitalocean");
    const vars = this.variables({
      name: DO_VARIABLES.name,
      region: DO_VARIABLES.region,
      vpc_id: { type: "string", description: "Id of the VPC the cluster joins." },
      node_size: { type: "string", description: "Database node size slug, e.g. db-s-1vcpu-1gb." },
      postgres_version: DO_VARIABLES.database_version,
      high_availability: DO_VARIABLES.database_high_availability,
      tags: { type: "list(string)", description: "Tags for the cluster.", default: [] },
    });
    const database = new MathesarDoDatabase(this, "Database", {
      name: vars.name.stringValue,
      region: vars.region.stringValue,
      vpcId: vars.vpc_id.stringValue,
      size: vars.node_size.stringValue,
      version: vars.postgres_version.numberValue,
      highAvailability: vars.high_availability.stringValue,
      tags: vars.tags.listValue,
    });
    const { cluster } = database;
    this.outputs({
      cluster_id: { value: cluster.id, description: "Id of the database cluster." },
      cluster_urn: { value: cluster.urn, description: "URN of the database cluster." },
      private_host: { value: cluster.privateHost, description: "Private host name of the cluster." },
      port: { value: cluster.port, description: "PostgreSQL port." },
      endpoint: {
        value: Fn.join(":", [cluster.privateHost, Fn.tostring(cluster.port)]),
        description: "Private host:port.",
      },
      database_name: { value: database.database.name, description: "Mathesar's internal database." },
      user: { value: database.user.name, description: "Mathesar's login role." },
      password: { value: database.user.password, description: "Password of Mathesar's role.", sensitive: true },
      admin_user: {
        value: cluster.user,
        description: "The cluster's admin role (used once per deploy to grant Mathesar's role).",
      },
      admin_password: {
        value: cluster.password,
        description: "Password of the cluster's admin role.",
        sensitive: true,
      },
    });
  }
}
