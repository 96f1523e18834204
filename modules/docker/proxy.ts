/**
 * Building block: Caddy in front of Mathesar, the only container with host ports. Its Caddyfile is the
 * Compose bundle's (modules/compose/caddyfile.ts: automatic HTTPS from ACME, Caddy's internal CA, or the
 * user's certificate files; HSTS; the Content-Security-Policy that stops the release check), uploaded into
 * the container; certificates and ACME account keys live in a named volume.
 */
import { Construct } from "constructs";
import { Container, type ContainerUpload } from "@cdktf/provider-docker/lib/container";
import { Fn, type IResolvable, TerraformIterator, Token } from "cdktf";
import { Image } from "@cdktf/provider-docker/lib/image";
import { Volume } from "@cdktf/provider-docker/lib/volume";
import { CADDY_TLS_FILES, renderComposeCaddyfile } from "../compose/caddyfile";
import { isToken, lookupIn, stableAddress } from "../terraform";
import { equal } from "../terraform/wiring";
import { SECRET_FILE_MODE } from "./secret-files";

/** Where the official image reads its Caddyfile. */
export const CADDYFILE_PATH = "/etc/caddy/Caddyfile";

/** TLS modes that run Caddy. */
export const CADDY_TLS_MODES = ["acme", "internal", "files"] as const;

/** Props of {@link MathesarDockerProxy}. */
export interface MathesarDockerProxyProps {
  /** Name prefix. */
  readonly name: string;
  /** Network to join. */
  readonly networkName: string;
  /** Pinned Caddy image. */
  readonly image: string;
  /** Site host name. */
  readonly domainName: string;
  /** `acme`, `internal` or `files`. */
  readonly tls: string;
  /** PEM chain for `files`. */
  readonly tlsCertificate?: string;
  /** PEM key for `files` (sensitive). */
  readonly tlsPrivateKey?: string;
  /** Host port for HTTP. */
  readonly httpPort: number;
  /** Host port for HTTPS. */
  readonly httpsPort: number;
}

/** Caddy. */
export class MathesarDockerProxy extends Construct {
  /** Certificates and ACME state (escape hatch). */
  public readonly data: Volume;
  /** The container (escape hatch). */
  public readonly container: Container;

  constructor(scope: Construct, id: string, props: MathesarDockerProxyProps) {
    super(scope, id);
    this.data = stableAddress(new Volume(this, "Data", { name: `${props.name}-caddy-data` }), "caddy_data");
    const image = stableAddress(new Image(this, "Image", { name: props.image, keepLocally: true }), "caddy");
    const files = equal(props.tls, "files");
    this.container = stableAddress(
      new Container(this, "Container", {
        name: `${props.name}-caddy`,
        image: image.imageId,
        restart: "unless-stopped",
        env: [`DOMAIN_NAME=${props.domainName}`],
        networksAdvanced: [{ name: props.networkName }],
        ports: [
          { internal: 80, external: props.httpPort },
          { internal: 443, external: props.httpsPort },
        ],
        volumes: [{ volumeName: this.data.name, containerPath: "/data" }],
        upload: caddyUploads(props, files),
        securityOpts: ["no-new-privileges:true"],
      }),
      "caddy",
    );
  }
}

/**
 * The Caddyfile, and the certificate and key with `files`. For a Terraform condition one `dynamic` block over
 * the file keys (never over the contents: the key is sensitive, and a sensitive `for_each` is refused).
 */
function caddyUploads(props: MathesarDockerProxyProps, files: string | boolean): ContainerUpload[] | IResolvable {
  const uploads: Record<string, ContainerUpload> = {
    caddyfile: { file: CADDYFILE_PATH, content: caddyfileFor(props.tls), permissions: "0444" },
    certificate: { file: CADDY_TLS_FILES.certificate, content: props.tlsCertificate!, permissions: "0444" },
    key: { file: CADDY_TLS_FILES.key, content: props.tlsPrivateKey!, permissions: SECRET_FILE_MODE },
  };
  if (typeof files === "boolean") {
    return files ? Object.values(uploads) : [uploads.caddyfile];
  }
  const keys = Fn.concat([["caddyfile"], Fn.conditional(files, ["certificate", "key"], [])]);
  const each = TerraformIterator.fromList(Token.asList(keys));
  const column = (field: "file" | "content" | "permissions") =>
    Fn.lookup(
      Object.fromEntries(Object.entries(uploads).map(([key, upload]) => [key, upload[field]])) as unknown as string,
      each.value,
    );
  return each.dynamic({ file: column("file"), content: column("content"), permissions: column("permissions") });
}

/**
 * The Caddyfile of a TLS mode. For a Terraform expression the three texts travel base64-encoded: cdktf does
 * not escape the quotes of a string inside an expression.
 */
function caddyfileFor(tls: string): string {
  if (!isToken(tls)) return renderComposeCaddyfile(tls as (typeof CADDY_TLS_MODES)[number]);
  const encoded = Object.fromEntries(
    CADDY_TLS_MODES.map((mode) => [mode, Buffer.from(renderComposeCaddyfile(mode), "utf8").toString("base64")]),
  );
  return Fn.base64decode(lookupIn(encoded, tls));
}
