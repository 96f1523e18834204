/**
 * Building block: the evaluation database. A pinned PostgreSQL container on the private network only (no
 * `ports`: never published on the host), its data in a named volume, health-checked with `pg_isready`, and
 * waited for (`wait`) so the bootstrap starts against a ready server. Its password is a file
 * (`POSTGRES_PASSWORD_FILE`, which the official image reads).
 */
import { Construct } from "constructs";
import { Container } from "@cdktf/provider-docker/lib/container";
import { Image } from "@cdktf/provider-docker/lib/image";
import { Volume } from "@cdktf/provider-docker/lib/volume";
import { stableAddress } from "../terraform";
import { SECRETS_DIR, envList, secretUploads } from "./secret-files";

/** Where the official image keeps its data (17.x). */
export const POSTGRES_DATA_PATH = "/var/lib/postgresql/data";

/** Props of {@link MathesarDockerDatabase}. */
export interface MathesarDockerDatabaseProps {
  /** Name prefix. */
  readonly name: string;
  /** Network to join. */
  readonly networkName: string;
  /** Pinned PostgreSQL image. */
  readonly image: string;
  /** Mathesar's internal database. */
  readonly databaseName: string;
  /** Mathesar's role (the image makes it the superuser of this server). */
  readonly user: string;
  /** Its password (sensitive). */
  readonly password: string;
}

/** The evaluation PostgreSQL container. */
export class MathesarDockerDatabase extends Construct {
  /** The data volume (escape hatch): `terraform destroy` deletes it, and the data with it. */
  public readonly volume: Volume;
  /** The container (escape hatch). */
  public readonly container: Container;
  /** Host name on the private network (the container's name). */
  public readonly host: string;

  constructor(scope: Construct, id: string, props: MathesarDockerDatabaseProps) {
    super(scope, id);
    this.volume = stableAddress(new Volume(this, "Data", { name: `${props.name}-postgres-data` }), "postgres_data");
    const image = stableAddress(new Image(this, "Image", { name: props.image, keepLocally: true }), "postgres");
    this.container = stableAddress(
      new Container(this, "Container", {
        name: `${props.name}-postgres`,
        image: image.imageId,
        restart: "unless-stopped",
        networksAdvanced: [{ name: props.networkName }],
        env: envList({
          POSTGRES_DB: props.databaseName,
          POSTGRES_USER: props.user,
          POSTGRES_PASSWORD_FILE: `${SECRETS_DIR}/POSTGRES_PASSWORD`,
        }),
        upload: secretUploads({ POSTGRES_PASSWORD: props.password }),
        volumes: [{ volumeName: this.volume.name, containerPath: POSTGRES_DATA_PATH }],
        healthcheck: {
          test: ["CMD-SHELL", `pg_isready -U ${props.user} -d ${props.databaseName}`],
          interval: "5s",
          timeout: "5s",
          retries: 12,
          startPeriod: "10s",
        },
        wait: true,
        waitTimeout: 120,
        securityOpts: ["no-new-privileges:true"],
      }),
      "postgres",
    );
    this.host = this.container.name;
  }
}
