/**
 * The Compose bundles: every docker-compose.yml is valid against the Compose Specification's JSON schema
 * (vendored in schema/, see schema/SOURCE.md), and holds what docs/docker.md promises: pinned images
 * overridable in .env, the evaluation database on a private network only, health checks, log rotation,
 * named volumes, the bootstrap before the web server, secrets only from .env. The committed bundles under
 * deploy/ are exactly what the generator writes.
 */
import * as fs from "fs";
import * as path from "path";
import Ajv2020 from "ajv/dist/2020";
import {
  COMMITTED_BUNDLES,
  type ComposeBundleOptions,
  IMAGE_VARIABLES,
  LOG_ROTATION,
  composeBundleFiles,
  committedBundleFiles,
  isPinnedImage,
} from "../../modules/compose";
import { DEFAULT_MATHESAR_VERSION, SECRET_ENV_NAMES } from "../../modules/mathesar";
import { parseCompose, parseEnvFile, type ComposeDocument } from "./support";

const REPO = path.join(__dirname, "..", "..");
const schema = JSON.parse(fs.readFileSync(path.join(__dirname, "schema", "compose-spec.json"), "utf8"));
const validateSchema = new Ajv2020({ allErrors: true, strict: false }).compile(schema);

/** Every shape of bundle the options can produce. */
const VARIANTS: Record<string, ComposeBundleOptions> = {
  ...COMMITTED_BUNDLES,
  "caddy, tls internal": { tls: "internal" },
  "external database, require": { database: { host: "db.example.org" } },
  "external database, verify-ca with a CA, nginx": {
    database: { host: "10.0.0.5", port: 6432, sslMode: "verify-ca" },
    caCertificate: true,
    edge: "nginx",
  },
  "other ports, SSO": { httpPort: 8080, httpsPort: 8443, sso: true },
};

const compose = (options: ComposeBundleOptions) => parseCompose(composeBundleFiles(options)["docker-compose.yml"]);

describe.each(Object.entries(VARIANTS))("bundle %s", (_name, options) => {
  const files = composeBundleFiles(options);
  const doc = parseCompose(files["docker-compose.yml"]);
  const services = doc.services as Record<string, ComposeDocument>;
  const envExample = parseEnvFile(files[".env.example"]);

  test("README.md names every setting .env.example leaves empty or to the user, and the certs/ files", () => {
    // The folder's README is all a stranger reads on the server: a first `up` needs each of these.
    const readme = files["README.md"];
    expect(readme).toMatch(/bash generate-secrets\.sh[^\n]*set DOMAIN_NAME in \.env/);
    if (options.database)
      for (const name of ["POSTGRES_HOST", "POSTGRES_PORT", "POSTGRES_DB", "POSTGRES_USER", "POSTGRES_PASSWORD"]) {
        expect(envExample).toHaveProperty(name);
        expect(readme).toContain(name);
      }
    else expect(readme).not.toContain("POSTGRES_HOST");
    expect(readme.includes("certs/README.md")).toBe("certs/README.md" in files);
  });

  test("docker-compose.yml is valid against the Compose Specification's JSON schema", () => {
    const valid = validateSchema(doc);
    expect(validateSchema.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
  });

  test("every image is an .env variable whose default (and .env.example value) is pinned", () => {
    for (const [name, service] of Object.entries(services)) {
      const match = /^\$\{([A-Z_]+):-([^}]+)\}$/.exec(service.image);
      expect({ name, image: service.image, match: match !== null }).toEqual({
        name,
        image: service.image,
        match: true,
      });
      expect(Object.values(IMAGE_VARIABLES)).toContain(match![1]);
      expect(isPinnedImage(match![2])).toBe(true);
      expect(envExample[match![1]]).toBe(match![2]);
    }
  });

  test("every service rotates its json-file log: 5 files of 10 MB (docs/docker.md)", () => {
    // Literal values, not only the constant: an emptied LOG_ROTATION would leave json-file unbounded.
    for (const service of Object.values(services))
      expect(service.logging).toEqual({ driver: "json-file", options: { "max-size": "10m", "max-file": "5" } });
    expect(LOG_ROTATION).toEqual({ "max-size": "10m", "max-file": "5" });
  });

  test("state lives in named volumes only (no host folders but the bundle's own read-only files)", () => {
    for (const service of Object.values(services)) {
      for (const volume of (service.volumes ?? []) as string[]) {
        const [source, , mode] = volume.split(":");
        if (source.startsWith("./")) expect({ volume, mode }).toEqual({ volume, mode: "ro" });
        else expect(Object.keys(doc.volumes)).toContain(source);
      }
    }
  });

  test("the web server waits for the bootstrap; long-running services restart and have health checks", () => {
    expect(services.mathesar.healthcheck.start_period).toBe("300s");
    // Compose's default pull policy ("missing"): loaded or mirrored images start without a registry.
    for (const service of Object.values(services)) expect(service.pull_policy).toBeUndefined();
    expect(services.mathesar.depends_on.bootstrap.condition).toBe("service_completed_successfully");
    expect(services.bootstrap.restart).toBe("no");
    expect(services.bootstrap.command).toEqual(["python", "/etc/mathesar/bootstrap.py"]);
    for (const name of ["mathesar", "postgres", "nginx"].filter((n) => n in services)) {
      expect(services[name].healthcheck.test.length).toBeGreaterThan(1);
      expect(services[name].restart).toBe("unless-stopped");
    }
  });

  test("no web process migrates: it starts with run -ne after collecting static files", () => {
    expect(services.mathesar.command[2]).toMatch(/collectstatic .*&& exec bash \.\/bin\/mathesar run -ne$/);
    expect(services.mathesar.command.join(" ")).not.toMatch(/run -\w*s/);
  });

  test("secrets come only from .env, never as literals or defaults in docker-compose.yml", () => {
    for (const service of Object.values(services)) {
      for (const [key, value] of Object.entries((service.environment ?? {}) as Record<string, string>)) {
        if ((SECRET_ENV_NAMES as readonly string[]).includes(key) && key !== "SSO_CONFIG_DICT")
          expect({ key, value }).toEqual({ key, value: expect.stringMatching(/^\$\{[A-Z_]+:\?[^}]+\}$/) });
        if (key === "SSO_CONFIG_DICT") expect(value).toBe("${SSO_CONFIG_DICT:-}");
      }
    }
    // Only the bootstrap sees the admin's password.
    expect(services.mathesar.environment.DJANGO_SUPERUSER_PASSWORD).toBeUndefined();
    expect(services.bootstrap.environment.DJANGO_SUPERUSER_PASSWORD).toBeDefined();
  });

  test("only the TLS edge publishes ports, and the evaluation database is on an internal network", () => {
    for (const [name, service] of Object.entries(services)) {
      if (["caddy", "nginx"].includes(name))
        expect(service.ports).toEqual([
          "${HTTP_PORT:-" + (options.httpPort ?? 80) + "}:80",
          "${HTTPS_PORT:-" + (options.httpsPort ?? 443) + "}:443",
        ]);
      else expect({ name, ports: service.ports }).toEqual({ name, ports: undefined });
      expect(service.network_mode).toBeUndefined();
    }
    if ("postgres" in services) {
      expect(services.postgres.networks).toEqual(["database"]);
      expect(doc.networks.database).toEqual({ internal: true });
    } else {
      expect(doc.networks.database).toBeUndefined();
    }
  });

  test("Mathesar's containers run read-only, without new privileges", () => {
    for (const name of ["bootstrap", "mathesar"]) {
      expect(services[name].read_only).toBe(true);
      expect(services[name].security_opt).toEqual(["no-new-privileges:true"]);
    }
    expect(services.mathesar.tmpfs).toEqual(["/code/static", "/tmp"]);
  });

  test("the file tells how to update: docker compose pull && docker compose up -d", () => {
    expect(files["docker-compose.yml"]).toContain("docker compose pull && docker compose up -d");
  });
});

describe("defaults", () => {
  test("Mathesar's image is the contract's pinned version on Docker Hub, and mathesarVersion changes it", () => {
    expect(compose({}).services.mathesar.image).toBe(
      `\${MATHESAR_IMAGE:-docker.io/mathesar/mathesar:${DEFAULT_MATHESAR_VERSION}}`,
    );
    expect(compose({ mathesarVersion: "0.10.1" }).services.bootstrap.image).toBe(
      "${MATHESAR_IMAGE:-docker.io/mathesar/mathesar:0.10.1}",
    );
    expect(
      compose({
        imageRepository: "registry.example.org/mirror/mathesar",
        images: { caddy: "registry.example.org/mirror/caddy:2.10.2" },
      }).services.caddy.image,
    ).toBe("${CADDY_IMAGE:-registry.example.org/mirror/caddy:2.10.2}");
  });

  test("the file layout is stable (the DigitalOcean Marketplace image and docs/docker.md rely on it)", () => {
    expect(Object.keys(composeBundleFiles()).sort()).toEqual(
      [
        ".env.example",
        "Caddyfile",
        "README.md",
        "backup.sh",
        "docker-compose.yml",
        "generate-secrets.sh",
        "mathesar/bootstrap.py",
        "mathesar/local.py",
        "restore.sh",
      ].sort(),
    );
    expect(Object.keys(composeBundleFiles({ edge: "nginx" }))).toEqual(
      expect.arrayContaining([
        "issue-certificate.sh",
        "nginx/start.sh",
        "nginx/http.conf.template",
        "nginx/https.conf.template",
      ]),
    );
  });

  test("an external database gets sslmode require (fixed in the file) and verify-full gets the CA", () => {
    const plain = compose({ database: { host: "db.example.org" } }).services.mathesar.environment;
    expect(plain).toEqual(
      expect.objectContaining({
        PGSSLMODE: "require",
        POSTGRES_SSLMODE: "require",
        POSTGRES_HOST: "${POSTGRES_HOST:?set POSTGRES_HOST in .env}",
      }),
    );
    const airgapped = compose(COMMITTED_BUNDLES["deploy/compose-airgapped"]).services;
    for (const name of ["bootstrap", "mathesar"]) {
      expect(airgapped[name].environment).toEqual(
        expect.objectContaining({
          PGSSLMODE: "verify-full",
          PGSSLROOTCERT: "/etc/mathesar/ca.pem",
          REQUESTS_CA_BUNDLE: "/etc/mathesar/ca.pem",
        }),
      );
      expect(airgapped[name].volumes).toContain("./certs/ca.pem:/etc/mathesar/ca.pem:ro");
    }
  });
});

describe("the committed bundles", () => {
  test.each(Object.entries(committedBundleFiles()))(
    "%s is what the generator writes (run npm run synth)",
    (relative, content) => {
      expect(fs.readFileSync(path.join(REPO, relative), "utf8")).toBe(content);
    },
  );

  test("the schema's provenance is recorded", () => {
    expect(fs.readFileSync(path.join(__dirname, "schema", "SOURCE.md"), "utf8")).toMatch(
      /compose-spec\/compose-go.*Apache License 2\.0/s,
    );
  });
});
