/**
 * The network block: a new VPC with one subnetwork (Private Google Access, flow logs) or the user's, and
 * Private Service Access so Cloud SQL gets a private address — only when a managed instance needs it.
 */
import { ComputeGlobalAddress } from "@cdktf/provider-google/lib/compute-global-address";
import { ComputeNetwork } from "@cdktf/provider-google/lib/compute-network";
import { ComputeSubnetwork } from "@cdktf/provider-google/lib/compute-subnetwork";
import { ServiceNetworkingConnection } from "@cdktf/provider-google/lib/service-networking-connection";
import { DEFAULT_PSA_PREFIX_LENGTH } from "../../modules/google";
import { synthGoogle } from "../support/synth";

const EXISTING = {
  networkId: "projects/lab-project-123/global/networks/campus",
  subnetworkId: "projects/lab-project-123/regions/us-central1/subnetworks/campus-us",
};
const text = (props: Parameters<typeof synthGoogle>[0] = {}) => JSON.stringify(synthGoogle(props));
const resources = (config: Record<string, any>, type: string): Record<string, any> => config.resource?.[type] ?? {};

describe("a new network (the default)", () => {
  test("is a custom-mode VPC: no subnetwork in every region", () => {
    // GIVEN no network props
    // WHEN the deployment is synthesized
    // THEN one VPC exists and it does not create subnetworks on its own
    expect(text()).toHaveResourceWithProperties(ComputeNetwork, {
      name: "mathesar",
      auto_create_subnetworks: false,
      project: "lab-project-123",
    });
    expect(Object.keys(resources(synthGoogle(), "google_compute_network"))).toEqual(["this"]);
  });

  test("has one subnetwork in the region with Private Google Access and flow logs", () => {
    // GIVEN a region and a subnet CIDR
    const config = synthGoogle({ region: "europe-west4", network: { subnetCidr: "10.42.0.0/24" } });
    // WHEN the subnetwork is read
    const subnet = resources(config, "google_compute_subnetwork").this;
    // THEN it reaches Google APIs privately, logs flows, and sits in the given range of the new VPC
    expect(subnet).toMatchObject({
      region: "europe-west4",
      ip_cidr_range: "10.42.0.0/24",
      network: "${google_compute_network.this.id}",
      private_ip_google_access: true,
    });
    expect(subnet.log_config).toMatchObject({
      aggregation_interval: expect.any(String),
      flow_sampling: expect.any(Number),
      metadata: "INCLUDE_ALL_METADATA",
    });
    expect(subnet.log_config.flow_sampling).toBeGreaterThan(0);
  });

  test("the subnetwork defaults to 10.10.0.0/24", () => {
    expect(text()).toHaveResourceWithProperties(ComputeSubnetwork, { ip_cidr_range: "10.10.0.0/24" });
  });
});

describe("Private Service Access", () => {
  test("reserves an internal /20 for VPC peering when no range is given", () => {
    // GIVEN no privateServiceAccessCidr
    const range = resources(synthGoogle(), "google_compute_global_address").private_services;
    // THEN Google picks a /20 in the new VPC for Cloud SQL's private addresses
    expect(DEFAULT_PSA_PREFIX_LENGTH).toBe(20);
    expect(range).toMatchObject({
      purpose: "VPC_PEERING",
      address_type: "INTERNAL",
      prefix_length: 20,
      network: "${google_compute_network.this.id}",
    });
    expect(range.address).toBeUndefined();
  });

  test("takes address and prefix from privateServiceAccessCidr", () => {
    // GIVEN a chosen range
    // THEN the reserved range is exactly it
    expect(text({ network: { privateServiceAccessCidr: "10.60.0.0/16" } })).toHaveResourceWithProperties(
      ComputeGlobalAddress,
      {
        purpose: "VPC_PEERING",
        address_type: "INTERNAL",
        address: "10.60.0.0",
        prefix_length: 16,
      },
    );
  });

  test("peers the range with servicenetworking.googleapis.com", () => {
    // GIVEN the default deployment
    // THEN the connection uses the reserved range on the new VPC
    expect(text()).toHaveResourceWithProperties(ServiceNetworkingConnection, {
      service: "servicenetworking.googleapis.com",
      network: "${google_compute_network.this.id}",
      reserved_peering_ranges: ["${google_compute_global_address.private_services.name}"],
    });
  });
});

describe("an existing network", () => {
  test("creates no network and no subnetwork, and Cloud Run uses the given ones", () => {
    // GIVEN an existing network whose Private Service Access is connected (the default)
    const config = synthGoogle({ network: { existing: EXISTING } });
    // THEN nothing of the network is created
    expect(config.resource.google_compute_network).toBeUndefined();
    expect(config.resource.google_compute_subnetwork).toBeUndefined();
    expect(config.resource.google_cloud_run_v2_service.this.template.vpc_access.network_interfaces).toEqual([
      { network: EXISTING.networkId, subnetwork: EXISTING.subnetworkId },
    ]);
  });

  test("gets no Private Service Access when it already has it (the default)", () => {
    const config = synthGoogle({ network: { existing: EXISTING } });
    expect(config.resource.google_compute_global_address.private_services).toBeUndefined();
    expect(config.resource.google_service_networking_connection).toBeUndefined();
    expect(config.resource.google_sql_database_instance.this.settings.ip_configuration.private_network).toBe(
      EXISTING.networkId,
    );
  });

  test("gets Private Service Access on it when privateServiceAccessConnected is false", () => {
    // GIVEN an existing network without Private Service Access
    const config = synthGoogle({ network: { existing: { ...EXISTING, privateServiceAccessConnected: false } } });
    // THEN the range and the connection are created on that network
    expect(resources(config, "google_compute_global_address").private_services).toMatchObject({
      network: EXISTING.networkId,
      purpose: "VPC_PEERING",
    });
    expect(resources(config, "google_service_networking_connection").private_services).toMatchObject({
      network: EXISTING.networkId,
    });
  });
});

test("an existing database needs no Private Service Access", () => {
  // GIVEN an existing database (the new network is still created for Cloud Run's egress)
  const config = synthGoogle({ database: { existing: { host: "10.1.2.3", passwordSecretId: "lab-db-password" } } });
  // THEN no peering range and no connection
  expect(config.resource.google_compute_network.this).toBeDefined();
  expect(config.resource.google_service_networking_connection).toBeUndefined();
  expect(Object.keys(resources(config, "google_compute_global_address"))).not.toContain("private_services");
});
