/**
 * Mathesar on Cloud Run: reachable only through the load balancer, bootstrapped at every start, secrets
 * only as Secret Manager references read by a dedicated identity, uploads shared through Cloud Storage.
 */
import { ServiceAccount } from "@cdktf/provider-google/lib/service-account";
import { StorageBucket } from "@cdktf/provider-google/lib/storage-bucket";
import { COLLECT_STATIC_COMMAND, SECRET_ENV_NAMES, adminBootstrapShellCommand } from "../../modules/mathesar";
import { googleImage } from "../../modules/google";
import { TerraformOutput, TerraformStack, TerraformVariable, Testing } from "cdktf";
import { renderGoogleModule, synthGoogle, type TerraformJson } from "../support/synth";

type Env = { name: string; value?: string; value_source?: { secret_key_ref: { secret: string; version: string } } };
type Props = Parameters<typeof synthGoogle>[0];

const service = (props: Props = {}) => synthGoogle(props).resource.google_cloud_run_v2_service.this;
const container = (props: Props = {}) => service(props).template.containers[0];
const envOf = (props: Props = {}) => container(props).env as Env[];
const plainEnv = (props: Props = {}) =>
  Object.fromEntries(
    envOf(props)
      .filter((e) => e.value_source === undefined)
      .map((e) => [e.name, e.value]),
  );
const secretEnv = (props: Props = {}) => envOf(props).filter((e) => e.value_source !== undefined);

const EXISTING_DB = { host: "db.internal.example.org", port: 6432, passwordSecretId: "lab-db-password" };

describe("reachability", () => {
  test("only the load balancer may reach the service", () => {
    expect(service().ingress).toBe("INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER");
  });

  test("invocation needs no IAM, and no allUsers binding exists anywhere", () => {
    // GIVEN the default deployment
    const config = synthGoogle();
    // THEN the invoker check is off on the service itself, not by granting allUsers
    expect(config.resource.google_cloud_run_v2_service.this.invoker_iam_disabled).toBe(true);
    expect(Object.keys(config.resource).filter((type) => type.startsWith("google_cloud_run_v2_service_iam_"))).toEqual(
      [],
    );
    expect(JSON.stringify(config)).not.toMatch(/allUsers|allAuthenticatedUsers/);
  });
});

describe("with IAP on, the invoker check stays (callers inside the network cannot skip IAP and Cloud Armor)", () => {
  const IAP_AGENT = "serviceAccount:service-${data.google_project.this.number}@gcp-sa-iap.iam.gserviceaccount.com";

  test("the service demands an invoker, and only IAP's service agent of this project is granted roles/run.invoker", () => {
    // GIVEN IAP for a group
    const config = synthGoogle({ iap: { members: ["group:lab@example.org"] } });
    // THEN the IAM check is on and exactly one invoker binding names the IAP service agent, found by project number
    expect(config.resource.google_cloud_run_v2_service.this.invoker_iam_disabled).toBe(false);
    expect(config.resource.google_cloud_run_v2_service_iam_member).toEqual({
      iap: expect.objectContaining({
        role: "roles/run.invoker",
        member: IAP_AGENT,
        name: "${google_cloud_run_v2_service.this.name}",
        location: "us-central1",
        project: "lab-project-123",
      }),
    });
    expect(config.data.google_project.this.project_id).toBe("lab-project-123");
    expect(JSON.stringify(config)).not.toMatch(/allUsers|allAuthenticatedUsers/);
  });

  test("without IAP: no project lookup and no invoker binding", () => {
    const config = synthGoogle();
    expect(config.data?.google_project).toBeUndefined();
    expect(config.resource.google_cloud_run_v2_service_iam_member).toBeUndefined();
  });

  test("the published module: the root turns IAP on for Cloud Run exactly when iap_members is not empty, and the module keeps the check on then", () => {
    const rendered = renderGoogleModule();
    expect(rendered.modules[""].module.cloud_run.iap_enabled).toBe("${(length(var.iap_members) >= 1)}");
    const cloudRun = rendered.modules["modules/cloud-run"];
    expect(cloudRun.variable.iap_enabled).toMatchObject({ type: "bool", default: false });
    expect(cloudRun.resource.google_cloud_run_v2_service.this.invoker_iam_disabled).toBe("${!var.iap_enabled}");
    expect(cloudRun.resource.google_cloud_run_v2_service_iam_member.iap).toMatchObject({
      count: "${var.iap_enabled ? 1 : 0}",
      role: "roles/run.invoker",
    });
    expect(cloudRun.data.google_project.this.count).toBe("${var.iap_enabled ? 1 : 0}");
  });
});

describe("image", () => {
  test("is the pinned Docker Hub image, named with its registry", () => {
    expect(container().image).toBe("docker.io/mathesar/mathesar:0.11.0");
    expect(container({ mathesarVersion: "0.10.1" }).image).toBe("docker.io/mathesar/mathesar:0.10.1");
  });

  test("an Artifact Registry mirror is kept as given (no docker.io prefix)", () => {
    expect(container({ imageRepository: "us-docker.pkg.dev/lab-project-123/mirror/mathesar" }).image).toBe(
      "us-docker.pkg.dev/lab-project-123/mirror/mathesar:0.11.0",
    );
  });

  test("a repository that is a Terraform variable gets the prefix decided by Terraform", () => {
    // GIVEN the module flavour, where the repository is var.image_repository
    const stack = new TerraformStack(Testing.app(), "image");
    const repository = new TerraformVariable(stack, "image_repository", { type: "string" }).stringValue;
    new TerraformOutput(stack, "image", { value: googleImage(repository, "0.11.0") });
    // WHEN rendered
    const rendered = JSON.parse(Testing.synth(stack)).output.image.value as string;
    // THEN a regex on the first path segment chooses between the repository and docker.io/<repository>
    expect(rendered).toContain("can(regex(");
    expect(rendered).toContain("docker.io/%s");
    expect(rendered).toContain("var.image_repository");
  });
});

test("the container bootstraps, collects static files, then execs the web server without migrating again", () => {
  // GIVEN the default deployment
  // THEN the one shell command runs the locked bootstrap, collectstatic, and gunicorn via the image's script
  expect(container().command).toEqual([
    "sh",
    "-c",
    `${adminBootstrapShellCommand()} && ${COLLECT_STATIC_COMMAND} && exec bash ./bin/mathesar run -ne`,
  ]);
});

describe("environment", () => {
  test("all POSTGRES_* variables are set and non-empty, with sslmode require", () => {
    const env = plainEnv();
    for (const name of ["POSTGRES_DB", "POSTGRES_USER", "POSTGRES_HOST", "POSTGRES_PORT"])
      expect(env[name]).toMatch(/\S/);
    expect(env).toMatchObject({
      POSTGRES_DB: "mathesar",
      POSTGRES_USER: "mathesar",
      POSTGRES_HOST: "${google_sql_database_instance.this.private_ip_address}",
      POSTGRES_PORT: "5432",
      POSTGRES_SSLMODE: "require",
    });
  });

  test("ALLOWED_HOSTS is the domain alone", () => {
    expect(plainEnv({ domainName: "data.lab.example.edu" }).ALLOWED_HOSTS).toBe("data.lab.example.edu");
  });

  test("secrets come only as Secret Manager references to the latest version", () => {
    // GIVEN SSO on, so every secret variable is in use
    const props: Props = { sso: { configSecretId: "lab-sso" } };
    // THEN each secret variable is a secret_key_ref and none is a plain value
    const secrets = secretEnv(props);
    expect(secrets.map((e) => e.name).sort()).toEqual([...SECRET_ENV_NAMES].sort());
    for (const e of secrets) {
      expect(e.value).toBeUndefined();
      expect(e.value_source?.secret_key_ref.version).toBe("latest");
    }
    const refs = Object.fromEntries(secrets.map((e) => [e.name, e.value_source?.secret_key_ref.secret]));
    expect(refs).toEqual({
      POSTGRES_PASSWORD: "${google_secret_manager_secret.database_password.secret_id}",
      SECRET_KEY: "${google_secret_manager_secret.secret_key.secret_id}",
      DJANGO_SUPERUSER_PASSWORD: "${google_secret_manager_secret.admin_password.secret_id}",
      SSO_CONFIG_DICT: "lab-sso",
    });
    for (const name of SECRET_ENV_NAMES) expect(Object.keys(plainEnv(props))).not.toContain(name);
  });

  test("without SSO there is no SSO_CONFIG_DICT at all", () => {
    expect(envOf().map((e) => e.name)).not.toContain("SSO_CONFIG_DICT");
  });

  test("the first admin is admin by default, and an empty username turns the bootstrap's admin creation off", () => {
    expect(plainEnv().DJANGO_SUPERUSER_USERNAME).toBe("admin");
    expect(plainEnv({ admin: { username: "ada" } }).DJANGO_SUPERUSER_USERNAME).toBe("ada");
    expect(plainEnv({ admin: { enabled: false } }).DJANGO_SUPERUSER_USERNAME).toBe("");
  });
});

describe("probes", () => {
  test("the startup probe checks the favicon on 8000 and waits as long as Cloud Run allows (240 s) for first-boot migrations", () => {
    const probe = container().startup_probe;
    expect(probe.http_get).toEqual({ path: "/static/icons/favicon.ico", port: 8000 });
    // Cloud Run refuses more than 240 s (failureThreshold × periodSeconds) and a period above 240.
    expect(probe.period_seconds * probe.failure_threshold).toBe(240);
    expect(probe.period_seconds).toBeLessThanOrEqual(240);
    expect(probe.timeout_seconds).toBeLessThanOrEqual(probe.period_seconds);
  });

  test("a liveness probe restarts a hung instance", () => {
    const probe = container().liveness_probe;
    expect(probe.http_get).toEqual({ path: "/static/icons/favicon.ico", port: 8000 });
    expect(probe.failure_threshold).toBeGreaterThanOrEqual(1);
  });
});

describe("scaling", () => {
  test.each([
    ["small", 1, 2],
    ["medium", 1, 4],
    ["large", 2, 8],
  ] as const)("size %s keeps %i warm and scales to %i", (size, min, max) => {
    expect(service({ size }).template.scaling).toEqual({ min_instance_count: min, max_instance_count: max });
  });

  test("minInstances and maxInstances override the size's", () => {
    expect(service({ minInstances: 3, maxInstances: 6 }).template.scaling).toEqual({
      min_instance_count: 3,
      max_instance_count: 6,
    });
  });

  test("minInstances above the size's maximum raises the maximum with it", () => {
    expect(service({ size: "small", minInstances: 3 }).template.scaling).toEqual({
      min_instance_count: 3,
      max_instance_count: 3,
    });
  });
});

describe("runtime", () => {
  test("egress to private ranges goes through Direct VPC egress in the deployment's subnetwork", () => {
    expect(service().template.vpc_access).toEqual({
      egress: "PRIVATE_RANGES_ONLY",
      network_interfaces: [
        { network: "${google_compute_network.this.id}", subnetwork: "${google_compute_subnetwork.this.id}" },
      ],
    });
  });

  test("runs in the second-generation environment (Cloud Storage volumes need it)", () => {
    expect(service().template.execution_environment).toBe("EXECUTION_ENVIRONMENT_GEN2");
  });

  test("uploads live in the media bucket, mounted at /code/.media", () => {
    const template = service().template;
    expect(template.volumes).toEqual([
      { name: "media", gcs: { bucket: "${google_storage_bucket.media.name}", read_only: false } },
    ]);
    expect(template.containers[0].volume_mounts).toEqual([{ name: "media", mount_path: "/code/.media" }]);
  });

  test("the first revision waits for every secret's version and for the IAM grants", () => {
    // GIVEN the managed database (Cloud Run refuses a revision whose `latest` secret version is missing)
    const dependsOn = service().depends_on as string[];
    // THEN the versions, not only the secrets, come first
    expect(dependsOn).toEqual(
      expect.arrayContaining([
        "google_secret_manager_secret_version.secret_key",
        "google_secret_manager_secret_version.admin_password",
        "google_secret_manager_secret_version.database_password",
        "google_secret_manager_secret_iam_member.secret_key",
        "google_storage_bucket_iam_member.media",
      ]),
    );
  });
});

describe("identity", () => {
  const member = "serviceAccount:${google_service_account.cloud_run.email}";

  test("the service runs as its own service account", () => {
    const config = synthGoogle();
    expect(JSON.stringify(config)).toHaveResourceWithProperties(ServiceAccount, { account_id: "mathesar-run" });
    expect(config.resource.google_cloud_run_v2_service.this.template.service_account).toBe(
      "${google_service_account.cloud_run.email}",
    );
  });

  test("it may read exactly the secrets the container references, one binding per secret and never project-wide", () => {
    // GIVEN SSO on
    const config = synthGoogle({ sso: { configSecretId: "lab-sso" } });
    const bindings = Object.values(
      config.resource.google_secret_manager_secret_iam_member as Record<string, TerraformJson>,
    );
    const referenced = secretEnv({ sso: { configSecretId: "lab-sso" } }).map(
      (e) => e.value_source?.secret_key_ref.secret,
    );
    // THEN one secretAccessor binding per referenced secret, for this account only
    expect(bindings.map((b) => b.secret_id).sort()).toEqual([...referenced].sort());
    for (const b of bindings) expect(b).toMatchObject({ role: "roles/secretmanager.secretAccessor", member });
    expect(config.resource.google_project_iam_member).toBeUndefined();
    expect(config.resource.google_project_iam_binding).toBeUndefined();
  });

  test("with an existing database it reads the given password secret", () => {
    const bindings = synthGoogle({ database: { existing: EXISTING_DB } }).resource
      .google_secret_manager_secret_iam_member;
    expect(bindings.postgres_password.secret_id).toBe("lab-db-password");
  });

  test("it may use objects of the media bucket only", () => {
    const grants = synthGoogle().resource.google_storage_bucket_iam_member;
    expect(grants).toEqual({
      media: { bucket: "${google_storage_bucket.media.name}", role: "roles/storage.objectUser", member },
    });
  });
});

describe("media bucket and deletion protection", () => {
  test("the bucket is private: uniform access, public access prevention enforced", () => {
    expect(JSON.stringify(synthGoogle())).toHaveResourceWithProperties(StorageBucket, {
      uniform_bucket_level_access: true,
      public_access_prevention: "enforced",
      location: "us-central1",
    });
  });

  test("protected by default: the service cannot be deleted and the bucket is not emptied on destroy", () => {
    const { resource } = synthGoogle();
    expect(resource.google_cloud_run_v2_service.this.deletion_protection).toBe(true);
    expect(resource.google_storage_bucket.media.force_destroy).toBe(false);
  });

  test("deletionProtection false lets both go", () => {
    const { resource } = synthGoogle({ database: { managed: { deletionProtection: false } } });
    expect(resource.google_cloud_run_v2_service.this.deletion_protection).toBe(false);
    expect(resource.google_storage_bucket.media.force_destroy).toBe(true);
  });
});
