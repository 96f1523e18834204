/** Nobody can claim a fresh Mathesar through `/complete_installation/`. */
import { ADMIN_ENV } from "../../../mathesar/admin-bootstrap";
import { type AppComponent, appComponents, apps, componentEnv, runsMathesar } from "../../lib/app-platform";
import {
  ECS_BOOTSTRAP_CONTAINER,
  type EcsContainer,
  containerRunsMathesar,
  containerVariables,
  ecsContainers,
  taskDefinitions,
} from "../../lib/ecs";
import {
  type CloudRunContainer,
  cloudRunContainers,
  cloudRunEnv,
  cloudRunRunsMathesar,
  fromSecret,
} from "../../lib/google";
import {
  type ResourceRef,
  allResources,
  dependsOn,
  findingsFor,
  isExpression,
  isObject,
  literalString,
  referencesAddress,
  resourcesOf,
} from "../../lib/terraform-json";
import type { Finding, PolicyRule, TerraformJson } from "../../types";

const ID = "MATHESAR_NO_CLAIMABLE_SETUP";

/** Verdict on one candidate bootstrap job. */
type JobVerdict = { readonly status: "ok" | "bad" | "unknown"; readonly reason: string };

/**
 * `MATHESAR_NO_CLAIMABLE_SETUP`: every `digitalocean_app` running Mathesar has a `PRE_DEPLOY` job that sets
 * `DJANGO_SUPERUSER_USERNAME` (non-empty) and `DJANGO_SUPERUSER_PASSWORD` (typed SECRET); every
 * `aws_ecs_task_definition` running Mathesar has a `bootstrap` container that sets the username in
 * `environment` and takes the password from `secrets`, and its other Mathesar containers wait for it to succeed;
 * every `google_cloud_run_v2_service` running Mathesar has a Mathesar container (or a `google_cloud_run_v2_job` that a
 * resource the service `depends_on` executes) that sets the username and takes the password from Secret Manager.
 */
export const NoClaimableSetup: PolicyRule = {
  id: ID,
  scannerIds: [],
  resourceTypes: [
    "digitalocean_app",
    "aws_ecs_task_definition",
    "google_cloud_run_v2_service",
    "google_cloud_run_v2_job",
  ],
  description:
    `A digitalocean_app runs Mathesar without a PRE_DEPLOY job that sets ${ADMIN_ENV.username} (non-empty) and ` +
    `${ADMIN_ENV.password} (type SECRET); or an aws_ecs_task_definition runs Mathesar without a "${ECS_BOOTSTRAP_CONTAINER}" container ` +
    `that sets ${ADMIN_ENV.username} (non-empty) and takes ${ADMIN_ENV.password} from secrets, with the other Mathesar ` +
    `containers depending on it with condition SUCCESS; or a google_cloud_run_v2_service runs Mathesar without a Mathesar container ` +
    `(or a google_cloud_run_v2_job executed by a resource the service depends_on) that sets ${ADMIN_ENV.username} (non-empty) and takes ` +
    `${ADMIN_ENV.password} from Secret Manager. Either way no admin exists when the site goes live.`,
  explanation:
    "Until a superuser exists every Mathesar page redirects to /complete_installation/, where whoever arrives " +
    "first becomes the admin — of Mathesar and of every database it can reach. A pre-deploy job that creates " +
    "the admin runs before any traffic is routed, so that window never opens; on ECS the bootstrap container " +
    "does it inside every task before the web container starts, and on Cloud Run the Mathesar container does it " +
    "before it serves (or a job run before the service is created). Turning the admin off " +
    "(admin.enabled = false) is only safe on a private network; suppress this rule with that reason.",
  remediation:
    "Keep the headless admin bootstrap on (admin.enabled, the default), which creates the admin before " +
    "traffic is routed; turn it off only on a private network, and suppress with that reason.",
  check(config: TerraformJson): Finding[] {
    return [
      ...apps(config).map(checkApp),
      ...taskDefinitions(config).map(checkTaskDefinition),
      ...resourcesOf(config, "google_cloud_run_v2_service").map((service) => checkCloudRunService(service, config)),
    ];
  },
};

/** The verdict on one App Platform app. */
function checkApp(app: ResourceRef): Finding {
  const result = findingsFor(ID);
  const { components, hidden } = appComponents(app);
  const kinds = components.map(runsMathesar);
  if (!kinds.includes("yes")) {
    if (kinds.includes("unknown") || hidden.length > 0) {
      return result.notApplicable(
        app.address,
        "its images are given by expressions, so whether it runs Mathesar is unknown.",
      );
    }
    return result.notApplicable(app.address, "does not run the Mathesar image.");
  }
  const jobs = components.filter((component) => component.kind === "job" && runsMathesar(component) !== "no");
  const verdicts = jobs.map((job) => ({ job, ...checkJob(job) }));
  const passing = verdicts.find((verdict) => verdict.status === "ok");
  if (passing) return result.compliant(app.address, `${passing.job.label}: ${passing.reason}`);
  const unknown = verdicts.filter((verdict) => verdict.status === "unknown");
  if (unknown.length > 0 || hidden.includes("job")) {
    const reasons = unknown.map((verdict) => `${verdict.job.label}: ${verdict.reason}`);
    if (hidden.includes("job")) reasons.push("some jobs are generated by a dynamic block");
    return result.notApplicable(
      app.address,
      `cannot tell whether an admin is created before traffic: ${reasons.join("; ")}`,
    );
  }
  const reasons = verdicts.map((verdict) => `${verdict.job.label}: ${verdict.reason}`);
  return result.nonCompliant(
    app.address,
    `no PRE_DEPLOY job creates the first admin, so /complete_installation/ is open to the first visitor` +
      (reasons.length > 0 ? ` (${reasons.join("; ")})` : "."),
  );
}

/** Whether one job creates the first admin before traffic arrives. */
function checkJob(job: AppComponent): JobVerdict {
  const kind = job.body.kind;
  if (isExpression(kind)) return { status: "unknown", reason: `kind ${dependsOn(kind)}.` };
  if (kind !== "PRE_DEPLOY")
    return { status: "bad", reason: `kind is ${JSON.stringify(kind ?? "UNSPECIFIED")}, not PRE_DEPLOY.` };
  const { entries, complete } = componentEnv(job);
  const username = entries.get(ADMIN_ENV.username);
  const password = entries.get(ADMIN_ENV.password);
  const missing = complete ? "bad" : "unknown";
  if (username === undefined) return { status: missing, reason: `${ADMIN_ENV.username} is not set.` };
  if (password === undefined) return { status: missing, reason: `${ADMIN_ENV.password} is not set.` };
  if (isExpression(password.type))
    return { status: "unknown", reason: `${ADMIN_ENV.password} type ${dependsOn(password.type)}.` };
  if (password.type !== "SECRET") return { status: "bad", reason: `${ADMIN_ENV.password} is not of type SECRET.` };
  if (!isExpression(password.value) && (literalString(password.value) ?? "") === "") {
    return { status: "bad", reason: `${ADMIN_ENV.password} is empty.` };
  }
  if (isExpression(username.value))
    return { status: "unknown", reason: `${ADMIN_ENV.username} ${dependsOn(username.value)}.` };
  const name = (literalString(username.value) ?? "").trim();
  if (name === "") return { status: "bad", reason: `${ADMIN_ENV.username} is empty: the job only migrates.` };
  return { status: "ok", reason: `creates admin "${name}" before traffic is routed.` };
}

/**
 * The verdict on one ECS task definition: a Mathesar task must run the bootstrap container (admin username in
 * `environment`, password from `secrets`) and start its other Mathesar containers only once it succeeded.
 */
function checkTaskDefinition(task: ResourceRef): Finding {
  const result = findingsFor(ID);
  const definitions = ecsContainers(task);
  if (!definitions.known)
    return result.notApplicable(task.address, `${definitions.reason}: whether it runs Mathesar cannot be read here.`);
  const kinds = definitions.containers.map(containerRunsMathesar);
  if (!kinds.includes("yes")) {
    if (kinds.includes("unknown"))
      return result.notApplicable(
        task.address,
        "its images are given by expressions, so whether it runs Mathesar is unknown.",
      );
    return result.notApplicable(task.address, "does not run the Mathesar image.");
  }
  const bootstrap = definitions.containers.find((container) => container.name === ECS_BOOTSTRAP_CONTAINER);
  if (bootstrap === undefined) {
    return result.nonCompliant(
      task.address,
      `no container "${ECS_BOOTSTRAP_CONTAINER}" creates the first admin, so /complete_installation/ is open to the first visitor.`,
    );
  }
  const admin = checkBootstrapContainer(bootstrap);
  const waiting = definitions.containers
    .filter((container, index) => container !== bootstrap && kinds[index] === "yes")
    .map((container) => ({ container, ...waitsForBootstrap(container) }));
  const verdicts = [{ container: bootstrap, ...admin }, ...waiting];
  const describe = (status: JobVerdict["status"]) =>
    verdicts
      .filter((verdict) => verdict.status === status)
      .map((verdict) => `${verdict.container.label}: ${verdict.reason}`);
  const bad = describe("bad");
  if (bad.length > 0)
    return result.nonCompliant(
      task.address,
      `/complete_installation/ may be open to the first visitor: ${bad.join("; ")}`,
    );
  const unknown = describe("unknown");
  if (unknown.length > 0)
    return result.notApplicable(
      task.address,
      `cannot tell whether an admin is created before traffic: ${unknown.join("; ")}`,
    );
  const parts = [
    `${bootstrap.label}: ${admin.reason}`,
    ...waiting.map((verdict) => `${verdict.container.label} ${verdict.reason}`),
  ];
  return result.compliant(task.address, `${parts.join("; ")}.`);
}

/** Whether the bootstrap container creates a named admin with a password from a secret. */
function checkBootstrapContainer(container: EcsContainer): JobVerdict {
  const { environment, secrets, complete } = containerVariables(container);
  const missing = complete ? "bad" : "unknown";
  if (environment.has(ADMIN_ENV.password))
    return { status: "bad", reason: `${ADMIN_ENV.password} is in environment, not secrets.` };
  const username = environment.get(ADMIN_ENV.username);
  if (username === undefined) return { status: missing, reason: `${ADMIN_ENV.username} is not set.` };
  const password = secrets.get(ADMIN_ENV.password);
  if (password === undefined) {
    const why = complete
      ? "is not taken from secrets"
      : "is not among the secrets that can be read (some are computed by Terraform)";
    return { status: missing, reason: `${ADMIN_ENV.password} ${why}.` };
  }
  if (!isExpression(password) && (literalString(password) ?? "").trim() === "")
    return { status: "bad", reason: `${ADMIN_ENV.password} has no valueFrom.` };
  if (isExpression(username)) return { status: "unknown", reason: `${ADMIN_ENV.username} ${dependsOn(username)}.` };
  const name = (literalString(username) ?? "").trim();
  if (name === "") return { status: "bad", reason: `${ADMIN_ENV.username} is empty: the bootstrap only migrates.` };
  return { status: "ok", reason: `creates admin "${name}" before Mathesar serves` };
}

/** Whether a Mathesar container starts only after the bootstrap container succeeded. */
function waitsForBootstrap(container: EcsContainer): JobVerdict {
  const dependencies = container.body.dependsOn;
  if (isExpression(dependencies)) return { status: "unknown", reason: `dependsOn ${dependsOn(dependencies)}.` };
  const entry = (Array.isArray(dependencies) ? dependencies : [])
    .filter(isObject)
    .find((candidate) => candidate.containerName === ECS_BOOTSTRAP_CONTAINER);
  if (entry === undefined)
    return {
      status: "bad",
      reason: `does not depend on "${ECS_BOOTSTRAP_CONTAINER}": it serves before an admin exists.`,
    };
  if (isExpression(entry.condition))
    return { status: "unknown", reason: `dependsOn condition ${dependsOn(entry.condition)}.` };
  if (entry.condition !== "SUCCESS") {
    return {
      status: "bad",
      reason: `depends on "${ECS_BOOTSTRAP_CONTAINER}" with condition ${JSON.stringify(entry.condition)}, not SUCCESS: it may serve before an admin exists.`,
    };
  }
  return { status: "ok", reason: "waits for it (condition SUCCESS)" };
}

/**
 * The verdict on one Cloud Run service running Mathesar: one of its Mathesar containers, or a Mathesar job that a
 * resource the service depends on executes (so it has run before the service takes traffic), creates the admin.
 */
function checkCloudRunService(service: ResourceRef, config: TerraformJson): Finding {
  const result = findingsFor(ID);
  const { containers, hidden } = cloudRunContainers(service);
  const kinds = containers.map(cloudRunRunsMathesar);
  if (!kinds.includes("yes")) {
    if (kinds.includes("unknown") || hidden !== undefined) {
      return result.notApplicable(
        service.address,
        "its images are given by expressions, so whether it runs Mathesar is unknown.",
      );
    }
    return result.notApplicable(service.address, "does not run the Mathesar image.");
  }
  const verdicts: Array<JobVerdict & { readonly label: string }> = containers
    .filter((_container, index) => kinds[index] === "yes")
    .map((container) => ({ label: container.label, ...checkCloudRunAdmin(container, "before it serves") }));
  for (const job of resourcesOf(config, "google_cloud_run_v2_job")) {
    const jobContainers = cloudRunContainers(job).containers.filter(
      (container) => cloudRunRunsMathesar(container) !== "no",
    );
    if (jobContainers.length === 0) continue;
    const runner = executorOf(service, job, config);
    for (const container of jobContainers) {
      const label = `${job.address} ${container.label}`;
      if (runner === undefined) {
        verdicts.push({
          label,
          status: "bad",
          reason: `no resource that ${service.address} depends_on executes ${job.address}, so it may not have run before traffic.`,
        });
      } else {
        verdicts.push({ label, ...checkCloudRunAdmin(container, `before the service is created (run by ${runner})`) });
      }
    }
  }
  const passing = verdicts.find((verdict) => verdict.status === "ok");
  if (passing) return result.compliant(service.address, `${passing.label}: ${passing.reason}`);
  const describe = (status: JobVerdict["status"]) =>
    verdicts.filter((verdict) => verdict.status === status).map((verdict) => `${verdict.label}: ${verdict.reason}`);
  const unknown = describe("unknown");
  if (unknown.length > 0 || hidden !== undefined) {
    if (hidden !== undefined) unknown.push(hidden);
    return result.notApplicable(
      service.address,
      `cannot tell whether an admin is created before traffic: ${unknown.join("; ")}`,
    );
  }
  return result.nonCompliant(
    service.address,
    `nothing creates the first admin, so /complete_installation/ is open to the first visitor (${describe("bad").join("; ")})`,
  );
}

/** Whether a Cloud Run container creates a named admin with a password from Secret Manager. */
function checkCloudRunAdmin(container: CloudRunContainer, when: string): JobVerdict {
  const { entries, complete } = cloudRunEnv(container);
  const missing = complete ? "bad" : "unknown";
  const username = entries.get(ADMIN_ENV.username);
  const password = entries.get(ADMIN_ENV.password);
  if (username === undefined) return { status: missing, reason: `${ADMIN_ENV.username} is not set.` };
  if (password === undefined) return { status: missing, reason: `${ADMIN_ENV.password} is not set.` };
  const secret = fromSecret(password);
  if (secret === "no")
    return { status: "bad", reason: `${ADMIN_ENV.password} is a plain value, not value_source.secret_key_ref.` };
  if (secret === "unknown")
    return {
      status: "unknown",
      reason: `${ADMIN_ENV.password} value_source ${dependsOn(String(password.secretRef))}.`,
    };
  if (fromSecret(username) !== "no") return { status: "unknown", reason: `${ADMIN_ENV.username} comes from a secret.` };
  if (isExpression(username.value))
    return { status: "unknown", reason: `${ADMIN_ENV.username} ${dependsOn(username.value)}.` };
  const name = (literalString(username.value) ?? "").trim();
  if (name === "") return { status: "bad", reason: `${ADMIN_ENV.username} is empty: no admin is created.` };
  return { status: "ok", reason: `creates admin "${name}" ${when}.` };
}

/** The address of a resource that `service` depends_on and that references `job` (it executes the job), if any. */
function executorOf(service: ResourceRef, job: ResourceRef, config: TerraformJson): string | undefined {
  const dependencies = Array.isArray(service.body.depends_on)
    ? service.body.depends_on.filter((entry): entry is string => typeof entry === "string")
    : [];
  return allResources(config).find(
    (resource) =>
      resource.address !== job.address &&
      dependencies.includes(resource.address) &&
      referencesAddress(JSON.stringify(resource.body), job.address),
  )?.address;
}
