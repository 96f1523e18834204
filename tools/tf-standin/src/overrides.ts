/**
 * Data sources whose stand-in result must have a particular shape because configurations index it, count
 * over it or pass it to a function. Every other computed attribute of a data source gets the generic
 * stand-in of its type (values.ts: a base64 string, 1, false, one-element lists). Keyed by
 * "<provider source>/<data source type>"; each entry says what it returns and why.
 */
import type { Value } from "./values";

const str = (v: Value, fallback: string): string => (typeof v === "string" ? v : fallback);

export const DATA_SOURCE_OVERRIDES: Record<string, (config: Record<string, Value>) => Record<string, Value>> = {
  // Zones are counted and chosen from: three zones of the configured region.
  "hashicorp/google/google_compute_zones": (c) => {
    const region = str(c.region, "us-central1");
    return { names: [`${region}-a`, `${region}-b`, `${region}-c`] };
  },
  // A project number is numeric text (service agent e-mail addresses are built from it).
  "hashicorp/google/google_project": () => ({ number: "123456789012" }),
  // A VPC's range feeds firewall rules and CIDR functions.
  "digitalocean/digitalocean/digitalocean_vpc": () => ({ ip_range: "10.10.0.0/20" }),
  // Endpoints are joined into https:// URLs.
  "hashicorp/google/google_container_cluster": () => ({ endpoint: "203.0.113.10" }),
  "digitalocean/digitalocean/digitalocean_kubernetes_cluster": () => ({ endpoint: "https://203.0.113.11" }),
  "hashicorp/aws/aws_eks_cluster": () => ({ endpoint: "https://203.0.113.12" }),
  "hashicorp/aws/aws_availability_zones": () => ({ names: ["us-east-1a", "us-east-1b", "us-east-1c"] }),
  "hashicorp/aws/aws_region": (c) => ({ name: str(c.name, "us-east-1") }),
  "hashicorp/aws/aws_partition": () => ({ partition: "aws" }),
};
