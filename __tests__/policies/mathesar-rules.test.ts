/** The cross-cloud Mathesar rules over App Platform specs (and, for images, any resource). */
import {
  NoClaimableSetup,
  PinnedImage,
  PostgresConnectionSet,
  PostgresSslRequired,
  SecretsTypedSecret,
  type JsonObject,
} from "../../modules/policies";
import { app, bootstrapJob, env, mathesarEnv, mathesarImage, only, rootConfig, statuses, webService } from "./fixtures";

const APP = "digitalocean_app.this";
const withApp = (body: JsonObject) => rootConfig({ digitalocean_app: { this: body } });

describe("MATHESAR_PINNED_IMAGE", () => {
  test("service and job pinned to a release are compliant, one finding each", () => {
    const findings = PinnedImage.check(withApp(app()));
    expect(findings.map((f) => [f.address, f.status])).toEqual([
      [APP, "compliant"],
      [APP, "compliant"],
    ]);
    expect(findings[0].message).toContain('service "web"');
    expect(findings[1].message).toContain('job "bootstrap"');
  });

  test.each([
    ["latest", "latest"],
    ["an empty tag", ""],
    ["no tag at all", null],
  ])("a service image with %s is non-compliant", (_name, tag) => {
    const findings = PinnedImage.check(withApp(app({ service: [webService({ image: mathesarImage(tag) })] })));
    expect(statuses(findings)).toEqual(["non_compliant", "compliant"]);
  });

  test("a worker image is checked too", () => {
    const worker = { name: "importer", image: mathesarImage("latest") };
    expect(statuses(PinnedImage.check(withApp(app({ worker: [worker] }))))).toContain("non_compliant");
  });

  test("an image pinned by digest is compliant", () => {
    const image = { ...mathesarImage(null), digest: "sha256:" + "a".repeat(64) };
    expect(statuses(PinnedImage.check(withApp(app({ service: [webService({ image })] }))))).toEqual([
      "compliant",
      "compliant",
    ]);
  });

  test("a tag from a variable is not applicable and names the variable", () => {
    const findings = PinnedImage.check(
      withApp(app({ job: [], service: [webService({ image: mathesarImage("${var.mathesar_version}") })] })),
    );
    const finding = only(findings);
    expect(finding.status).toBe("not_applicable");
    expect(finding.message).toMatch(/depends on a variable \(var\.mathesar_version\)/);
  });

  describe("image strings of other resource types", () => {
    const container = (image: string) =>
      rootConfig({
        kubernetes_deployment_v1: {
          mathesar: { spec: [{ template: [{ spec: [{ container: [{ name: "mathesar", image }] }] }] }] },
        },
      });

    test.each([
      "mathesar/mathesar:0.11.0",
      "registry.example.org:5000/mirror/mathesar:0.11.0",
      `mathesar/mathesar@sha256:${"b".repeat(64)}`,
      `docker.io/mathesar/mathesar:0.11.0@sha256:${"c".repeat(64)}`,
    ])("%s is compliant", (image) => {
      const finding = only(PinnedImage.check(container(image)));
      expect(finding).toMatchObject({ address: "kubernetes_deployment_v1.mathesar", status: "compliant" });
      expect(finding.message).toContain("spec[0].template[0].spec[0].container[0].image");
    });

    test.each([
      "mathesar/mathesar:latest",
      "mathesar/mathesar",
      "registry.example.org:5000/mirror/mathesar",
      "${var.repository}:latest",
    ])("%s is non-compliant", (image) => {
      expect(only(PinnedImage.check(container(image))).status).toBe("non_compliant");
    });

    test("Cloud Run's containers block is read too", () => {
      const config = rootConfig({
        google_cloud_run_v2_service: {
          mathesar: { template: { containers: [{ image: "mathesar/mathesar:latest" }] } },
        },
      });
      expect(only(PinnedImage.check(config)).status).toBe("non_compliant");
    });

    test("a droplet's OS image is not a container image", () => {
      const config = rootConfig({ digitalocean_droplet: { web: { image: "ubuntu-24-04-x64", size: "s-1vcpu-1gb" } } });
      expect(PinnedImage.check(config)).toEqual([]);
    });

    test("a tag from a variable is not applicable", () => {
      const finding = only(PinnedImage.check(container("mathesar/mathesar:${var.mathesar_version}")));
      expect(finding.status).toBe("not_applicable");
      expect(finding.message).toMatch(/var\.mathesar_version/);
    });
  });
});

describe("MATHESAR_SECRETS_TYPED_SECRET", () => {
  test("secrets typed SECRET in service and job are compliant", () => {
    const findings = SecretsTypedSecret.check(withApp(app()));
    expect(statuses(findings)).toEqual(["compliant", "compliant"]);
    expect(findings[1].message).toContain("DJANGO_SUPERUSER_PASSWORD");
  });

  test("a database password typed GENERAL is non-compliant and named", () => {
    const service = webService({
      env: mathesarEnv({ POSTGRES_PASSWORD: env("POSTGRES_PASSWORD", "hunter2-hunter2", "GENERAL") }),
    });
    const findings = SecretsTypedSecret.check(withApp(app({ service: [service] })));
    expect(statuses(findings)).toEqual(["non_compliant", "compliant"]);
    expect(findings[0].message).toContain("POSTGRES_PASSWORD");
  });

  test("an entry without a type (App Platform's default, GENERAL) is non-compliant", () => {
    const service = webService({
      env: mathesarEnv({ SECRET_KEY: { key: "SECRET_KEY", value: "${random_password.secret_key.result}" } }),
    });
    expect(statuses(SecretsTypedSecret.check(withApp(app({ service: [service] }))))[0]).toBe("non_compliant");
  });

  test("the bootstrap job's database admin password is covered", () => {
    const job = bootstrapJob(
      {},
      {
        MATHESAR_DB_ADMIN_PASSWORD: env("MATHESAR_DB_ADMIN_PASSWORD", "${digitalocean_database_cluster.this.password}"),
      },
    );
    const findings = SecretsTypedSecret.check(withApp(app({ job: [job] })));
    expect(statuses(findings)).toEqual(["compliant", "non_compliant"]);
    expect(findings[1].message).toContain("MATHESAR_DB_ADMIN_PASSWORD");
  });

  test("app-level env reaches every component", () => {
    const findings = SecretsTypedSecret.check(withApp(app({ env: [env("SSO_CONFIG_DICT", "${var.sso_config}")] })));
    expect(statuses(findings)).toEqual(["non_compliant", "non_compliant"]);
  });

  test("a type from a variable is not applicable", () => {
    const service = webService({ env: mathesarEnv({ SECRET_KEY: env("SECRET_KEY", "x", "${var.secret_type}") }) });
    const finding = SecretsTypedSecret.check(withApp(app({ job: [], service: [service] })));
    expect(only(finding).status).toBe("not_applicable");
  });
});

describe("MATHESAR_POSTGRES_SSL_REQUIRED", () => {
  const serviceWith = (overrides: Record<string, JsonObject | undefined>) =>
    withApp(app({ job: [], service: [webService({ env: mathesarEnv(overrides) })] }));

  test("require against the managed cluster is compliant", () => {
    expect(statuses(PostgresSslRequired.check(withApp(app())))).toEqual(["compliant", "compliant"]);
  });

  test.each([
    ["prefer", env("POSTGRES_SSLMODE", "prefer")],
    ["unset", undefined],
  ])("sslmode %s against the managed cluster is non-compliant", (_name, sslMode) => {
    const finding = only(PostgresSslRequired.check(serviceWith({ POSTGRES_SSLMODE: sslMode })));
    expect(finding.status).toBe("non_compliant");
    expect(finding.message).toMatch(/POSTGRES_SSLMODE/);
  });

  test("a cluster read through a data source is a managed database too", () => {
    const config = serviceWith({
      POSTGRES_HOST: env("POSTGRES_HOST", "${data.digitalocean_database_cluster.shared.private_host}"),
      POSTGRES_SSLMODE: env("POSTGRES_SSLMODE", "disable"),
    });
    expect(only(PostgresSslRequired.check(config)).status).toBe("non_compliant");
  });

  test("a host outside this configuration is not applicable", () => {
    const config = serviceWith({
      POSTGRES_HOST: env("POSTGRES_HOST", "10.0.0.5"),
      POSTGRES_SSLMODE: env("POSTGRES_SSLMODE", "prefer"),
    });
    expect(only(PostgresSslRequired.check(config)).status).toBe("not_applicable");
  });

  test("a host from a variable is not applicable and names the variable", () => {
    const config = serviceWith({
      POSTGRES_HOST: env("POSTGRES_HOST", "${var.database_host}"),
      POSTGRES_SSLMODE: env("POSTGRES_SSLMODE", "${var.database_sslmode}"),
    });
    const finding = only(PostgresSslRequired.check(config));
    expect(finding.status).toBe("not_applicable");
    expect(finding.message).toMatch(/var\.database_host/);
  });

  test("POSTGRES_SSLMODE=require without PGSSLMODE is non-compliant: Mathesar 0.8.0-0.11.0 ignore POSTGRES_SSLMODE", () => {
    const finding = only(PostgresSslRequired.check(serviceWith({ PGSSLMODE: undefined })));
    expect(finding.status).toBe("non_compliant");
    expect(finding.message).toMatch(/PGSSLMODE is unset, so libpq uses prefer/);
  });

  test.each(["prefer", "disable", "allow"])("PGSSLMODE=%s is non-compliant", (mode) => {
    const finding = only(PostgresSslRequired.check(serviceWith({ PGSSLMODE: env("PGSSLMODE", mode) })));
    expect(finding.status).toBe("non_compliant");
    expect(finding.message).toContain(`PGSSLMODE is "${mode}"`);
  });

  test("verify-full in both variables is compliant", () => {
    const finding = only(
      PostgresSslRequired.check(
        serviceWith({
          PGSSLMODE: env("PGSSLMODE", "verify-full"),
          POSTGRES_SSLMODE: env("POSTGRES_SSLMODE", "verify-full"),
        }),
      ),
    );
    expect(finding.status).toBe("compliant");
    expect(finding.message).toContain('PGSSLMODE = "verify-full", POSTGRES_SSLMODE = "verify-full"');
  });

  test("a Unix-socket host is not applicable: libpq uses no TLS there", () => {
    const config = serviceWith({ POSTGRES_HOST: env("POSTGRES_HOST", "/cloudsql/p:r:i"), PGSSLMODE: undefined });
    const finding = only(PostgresSslRequired.check(config));
    expect(finding.status).toBe("not_applicable");
    expect(finding.message).toMatch(/Unix socket/);
  });

  test("a PGSSLMODE from a variable is not applicable and names it", () => {
    const finding = only(PostgresSslRequired.check(serviceWith({ PGSSLMODE: env("PGSSLMODE", "${var.pgsslmode}") })));
    expect(finding.status).toBe("not_applicable");
    expect(finding.message).toMatch(/PGSSLMODE depends on a variable \(var\.pgsslmode\)/);
  });

  test("an sslmode from a variable against the managed cluster is not applicable", () => {
    const finding = only(
      PostgresSslRequired.check(serviceWith({ POSTGRES_SSLMODE: env("POSTGRES_SSLMODE", "${var.sslmode}") })),
    );
    expect(finding.status).toBe("not_applicable");
    expect(finding.message).toMatch(/var\.sslmode/);
  });
});

describe("MATHESAR_NO_CLAIMABLE_SETUP", () => {
  test("a pre-deploy job creating a named admin with a SECRET password is compliant", () => {
    const finding = only(NoClaimableSetup.check(withApp(app())));
    expect(finding).toMatchObject({ address: APP, status: "compliant" });
    expect(finding.message).toContain('"admin"');
  });

  test("an app running Mathesar without any job is non-compliant", () => {
    const finding = only(NoClaimableSetup.check(withApp(app({ job: [] }))));
    expect(finding.status).toBe("non_compliant");
    expect(finding.message).toContain("/complete_installation/");
  });

  test("a job that runs after the deployment is non-compliant", () => {
    expect(only(NoClaimableSetup.check(withApp(app({ job: [bootstrapJob({ kind: "POST_DEPLOY" })] })))).status).toBe(
      "non_compliant",
    );
  });

  test("an empty admin username (admin turned off) is non-compliant", () => {
    const job = bootstrapJob({}, { DJANGO_SUPERUSER_USERNAME: env("DJANGO_SUPERUSER_USERNAME", "") });
    expect(only(NoClaimableSetup.check(withApp(app({ job: [job] })))).status).toBe("non_compliant");
  });

  test("an admin password typed GENERAL is non-compliant", () => {
    const job = bootstrapJob(
      {},
      { DJANGO_SUPERUSER_PASSWORD: env("DJANGO_SUPERUSER_PASSWORD", "${random_password.admin_password.result}") },
    );
    expect(only(NoClaimableSetup.check(withApp(app({ job: [job] })))).status).toBe("non_compliant");
  });

  test("one good job among others is enough", () => {
    const migrateOnly = bootstrapJob({ name: "migrate" }, { DJANGO_SUPERUSER_USERNAME: undefined });
    expect(only(NoClaimableSetup.check(withApp(app({ job: [migrateOnly, bootstrapJob()] })))).status).toBe("compliant");
  });

  test("a username from variables is not applicable and names them", () => {
    const job = bootstrapJob(
      {},
      { DJANGO_SUPERUSER_USERNAME: env("DJANGO_SUPERUSER_USERNAME", '${var.admin_enabled ? var.admin_username : ""}') },
    );
    const finding = only(NoClaimableSetup.check(withApp(app({ job: [job] }))));
    expect(finding.status).toBe("not_applicable");
    expect(finding.message).toMatch(/var\.admin_enabled, var\.admin_username/);
  });

  test("an app that does not run Mathesar is not applicable", () => {
    const other = {
      name: "docs",
      image: { registry_type: "DOCKER_HUB", registry: "library", repository: "nginx", tag: "1.27" },
    };
    expect(only(NoClaimableSetup.check(withApp(app({ service: [other], job: [] })))).status).toBe("not_applicable");
  });

  test("a mirrored image is still recognised as Mathesar", () => {
    const image = { registry_type: "DOCR", repository: "mirror/mathesar", tag: "0.11.0" };
    const service = { name: "web", image, env: mathesarEnv() };
    expect(only(NoClaimableSetup.check(withApp(app({ service: [service], job: [] })))).status).toBe("non_compliant");
  });
});

describe("MATHESAR_POSTGRES_CONNECTION_SET", () => {
  const serviceWith = (overrides: Record<string, JsonObject | undefined>) =>
    withApp(app({ job: [], service: [webService({ env: mathesarEnv(overrides) })] }));

  test("values that are attributes of database resources count as set", () => {
    expect(statuses(PostgresConnectionSet.check(withApp(app())))).toEqual(["compliant", "compliant"]);
  });

  test("literal values are compliant", () => {
    const config = serviceWith({
      POSTGRES_DB: env("POSTGRES_DB", "mathesar"),
      POSTGRES_HOST: env("POSTGRES_HOST", "db.internal.example.org"),
      POSTGRES_USER: env("POSTGRES_USER", "mathesar"),
    });
    expect(only(PostgresConnectionSet.check(config)).status).toBe("compliant");
  });

  test.each(["POSTGRES_DB", "POSTGRES_USER", "POSTGRES_HOST"])("a missing %s is non-compliant", (name) => {
    const finding = only(PostgresConnectionSet.check(serviceWith({ [name]: undefined })));
    expect(finding.status).toBe("non_compliant");
    expect(finding.message).toContain(`${name} is not set`);
  });

  test("an empty POSTGRES_HOST is non-compliant", () => {
    const finding = only(PostgresConnectionSet.check(serviceWith({ POSTGRES_HOST: env("POSTGRES_HOST", " ") })));
    expect(finding.status).toBe("non_compliant");
    expect(finding.message).toContain("throwaway");
  });

  test("the bootstrap job is checked like the service", () => {
    const job = bootstrapJob({}, { POSTGRES_DB: undefined });
    expect(statuses(PostgresConnectionSet.check(withApp(app({ job: [job] }))))).toEqual(["compliant", "non_compliant"]);
  });

  test("a value from a variable is not applicable", () => {
    const finding = only(
      PostgresConnectionSet.check(serviceWith({ POSTGRES_DB: env("POSTGRES_DB", "${var.database_name}") })),
    );
    expect(finding.status).toBe("not_applicable");
    expect(finding.message).toMatch(/var\.database_name/);
  });

  test("a component whose image is a variable is recognised by Mathesar's start command", () => {
    const image = {
      registry_type: "DOCKER_HUB",
      registry: "${var.registry}",
      repository: "${var.repository}",
      tag: "0.11.0",
    };
    const finding = only(
      PostgresConnectionSet.check(withApp(app({ job: [], service: [webService({ image, env: [] })] }))),
    );
    expect(finding.status).toBe("non_compliant");
  });

  test("a component that does not run Mathesar is not applicable", () => {
    const other = {
      name: "docs",
      image: { registry_type: "DOCKER_HUB", registry: "library", repository: "nginx", tag: "1.27" },
    };
    expect(only(PostgresConnectionSet.check(withApp(app({ service: [other], job: [] })))).status).toBe(
      "not_applicable",
    );
  });
});
