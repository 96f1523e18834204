/** Input rules that only hold on Google Cloud. */
import { integerRangeRule, nameRule, oneOfRule, patternRule } from "../mathesar";
import { GOOGLE_POSTGRES_VERSIONS, GOOGLE_RUNTIMES, GOOGLE_VM_EDGES } from "./catalog";

/**
 * Longest name prefix on Google Cloud: service account ids allow 30 characters and the VM's is `<name>-vm-sa`
 * (Cloud Run's `<name>-run`); Compute Engine names allow 63.
 */
export const GOOGLE_NAME_MAX_LENGTH = 24;
/** The name prefix on Google Cloud. */
export const GOOGLE_NAME_RULE = nameRule(GOOGLE_NAME_MAX_LENGTH, "service account ids: 30 characters with -vm-sa");

/** A Google Cloud project id. */
export const PROJECT_ID_RULE = patternRule(
  "[a-z][a-z0-9-]{4,28}[a-z0-9]",
  "a project id: 6 to 30 lowercase letters, digits or hyphens, starting with a letter, such as my-lab-123456",
);

/** A region such as us-central1 or europe-west4. */
export const REGION_RULE = patternRule("[a-z]+-[a-z]+[0-9]{1,2}", "a region name such as us-central1 or europe-west4");

/**
 * Host of an existing PostgreSQL on Google Cloud: a name or an address, never a Unix-socket path. Cloud Run
 * mounts no Cloud SQL socket here and the VM runs no Cloud SQL Auth Proxy, so `/cloudsql/...` would reach
 * nothing (Mathesar would fail at every start).
 */
export const GOOGLE_DATABASE_HOST_RULE = patternRule(
  "[A-Za-z0-9]([A-Za-z0-9.-]{0,251}[A-Za-z0-9])?",
  "a host name or an IP address reachable from the network, such as the Cloud SQL instance's private IP " +
    "— no Unix-socket path (/cloudsql/...): nothing mounts a Cloud SQL socket or runs the Auth Proxy here",
);

/** A zone such as us-central1-a. */
export const ZONE_RULE = patternRule("[a-z]+-[a-z]+[0-9]{1,2}-[a-z]", "a zone name such as us-central1-a");

/** An IPv4 CIDR block of a subnet: /8 to /26 (Cloud Run's Direct VPC egress needs a /26 or larger). */
export const SUBNET_CIDR_RULE = patternRule(
  "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/([89]|1[0-9]|2[0-6])",
  "an IPv4 CIDR block from /8 to /26 such as 10.10.0.0/24 (Cloud Run's Direct VPC egress needs a /26 or larger)",
);

/** A Private Service Access range for Cloud SQL: /16 to /24 (Google's limits). */
export const PSA_CIDR_RULE = patternRule(
  "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/(1[6-9]|2[0-4])",
  "an IPv4 CIDR block from /16 to /24 such as 10.20.0.0/20 (Private Service Access allocates Cloud SQL addresses from it)",
);

/** Any IPv4 CIDR block. */
export const SOURCE_RANGE_RULE = patternRule(
  "((25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])\\.){3}(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])/([0-9]|[12][0-9]|3[0-2])",
  "an IPv4 CIDR block such as 203.0.113.0/24",
);

/** A VPC network id or self link. */
export const NETWORK_ID_RULE = patternRule(
  "(https://www\\.googleapis\\.com/compute/v1/)?projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/global/networks/[a-z]([-a-z0-9]{0,61}[a-z0-9])?",
  "a network id such as projects/my-project/global/networks/my-vpc",
);

/** A subnetwork id or self link. */
export const SUBNETWORK_ID_RULE = patternRule(
  "(https://www\\.googleapis\\.com/compute/v1/)?projects/[a-z][a-z0-9-]{4,28}[a-z0-9]" +
    "/regions/[a-z]+-[a-z]+[0-9]{1,2}/subnetworks/[a-z]([-a-z0-9]{0,61}[a-z0-9])?",
  "a subnetwork id such as projects/my-project/regions/us-central1/subnetworks/my-subnet",
);

/** A Secret Manager secret: its short id in the deployment's project, or its full name. */
export const SECRET_ID_RULE = patternRule(
  "(projects/[a-z0-9-]+/secrets/)?[A-Za-z0-9_-]{1,255}",
  "a Secret Manager secret id such as mathesar-db-password, or projects/<project>/secrets/<id>",
);

/** A member that IAP admits: a user, a group, a service account or a whole Google Workspace domain. */
export const IAP_MEMBER_RULE = patternRule(
  "(user|group|serviceAccount):[^@\\s]+@[^@\\s]+\\.[^@\\s]+|domain:[a-z0-9]([a-z0-9.-]*[a-z0-9])?\\.[a-z]{2,}",
  "an IAM member such as user:ada@example.org, group:lab@example.org, serviceAccount:x@p.iam.gserviceaccount.com or domain:example.org",
);

/** A Cloud SQL machine tier. */
export const SQL_TIER_RULE = patternRule(
  "db-(custom-[0-9]+-[0-9]+|f1-micro|g1-small|perf-optimized-N-[0-9]+|[a-z0-9]+-(standard|highmem|highcpu)-[0-9]+)",
  "a Cloud SQL tier such as db-custom-2-7680 or db-perf-optimized-N-2",
);

/** A Compute Engine machine type. */
export const MACHINE_TYPE_RULE = patternRule(
  "[a-z][a-z0-9]*-[a-z0-9-]+",
  "a machine type such as e2-medium or n2-standard-2",
);

/** A Cloud DNS managed zone name. */
export const DNS_ZONE_RULE = patternRule(
  "[a-z]([-a-z0-9]{0,61}[a-z0-9])?",
  "a Cloud DNS managed zone name such as lab-example-org",
);

/** An existing Cloud Armor policy: name or id. */
export const SECURITY_POLICY_RULE = patternRule(
  "(projects/[a-z0-9-]+/global/securityPolicies/)?[a-z]([-a-z0-9]{0,61}[a-z0-9])?",
  "a Cloud Armor policy name or id such as projects/my-project/global/securityPolicies/edge",
);

/** A label key (tags become labels on Google Cloud). */
export const LABEL_KEY_RULE = patternRule(
  "[a-z][a-z0-9_-]{0,62}",
  "a label key: up to 63 lowercase letters, digits, _ or -, starting with a letter",
);

/** A label value. */
export const LABEL_VALUE_RULE = patternRule(
  "[a-z0-9_-]{0,63}",
  "a label value: up to 63 lowercase letters, digits, _ or -",
);

/** An OAuth client id for IAP. */
export const OAUTH_CLIENT_ID_RULE = patternRule(
  "[0-9]+-[a-z0-9]+\\.apps\\.googleusercontent\\.com",
  "an OAuth client id such as 123456789012-abc123.apps.googleusercontent.com",
);

/** The runtimes. */
export const RUNTIME_RULE = oneOfRule(GOOGLE_RUNTIMES);

/** How a VM is reached. */
export const VM_EDGE_RULE = oneOfRule(GOOGLE_VM_EDGES);

/** PostgreSQL majors on Cloud SQL that Mathesar supports. */
export const GOOGLE_POSTGRES_VERSION_RULE = integerRangeRule(
  GOOGLE_POSTGRES_VERSIONS.min,
  GOOGLE_POSTGRES_VERSIONS.max,
  "(Cloud SQL versions Mathesar supports)",
);

/** Days of Cloud SQL backups kept (and of point-in-time recovery, up to 7). */
export const GOOGLE_BACKUP_RETENTION_RULE = integerRangeRule(7, 365, "days (at least 7)");

/** Version of the database user's write-only password (raised to write a new one). */
export const PASSWORD_VERSION_RULE = integerRangeRule(1, 1000000, "");

/** Cloud SQL disk at creation. */
export const SQL_DISK_RULE = integerRangeRule(10, 65536, "GB");

/** Cloud Run instance counts. */
export const INSTANCE_COUNT_RULE = integerRangeRule(1, 100, "instances");

/** Requests per minute per client IP before Cloud Armor bans it for five minutes. */
export const RATE_LIMIT_RULE = integerRangeRule(60, 10000, "requests per minute (Cloud Armor's limit per rule)");

/** An image repository Cloud Run accepts: Docker Hub `owner/name`, or a registry host with a path (Artifact Registry mirrors). */
export const GOOGLE_IMAGE_REPOSITORY_RULE = patternRule(
  "[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(/[a-z0-9]+([._-][a-z0-9]+)*)+",
  'an image repository without a tag, such as "mathesar/mathesar" or "us-docker.pkg.dev/my-project/mirror/mathesar"',
);

/** TLS modes to a Cloud SQL instance the module creates: encrypted always; verified against its server CA. */
export const CLOUD_SQL_SSL_MODE_RULE = oneOfRule(["require", "verify-ca"]);

/** Why `verify-full` is refused on a Cloud SQL instance the module creates (construct and module alike). */
export const CLOUD_SQL_VERIFY_FULL_REASON =
  "Cloud SQL's server certificates do not name the instance's private IP, which Mathesar connects to, " +
  "so verify-full would always fail; use verify-ca (the certificate is verified against the instance's " +
  "own server CA)";
