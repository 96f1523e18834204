/**
 * The package root: the Mathesar contract, the Terraform helpers, the security rule pack and every target's
 * constructs. Loading it loads every target, so it needs every cloud provider binding installed; a user of one
 * cloud imports that target's entry point instead (`@mathesar-deploy/cdktf/aws`, `/google`, `/digitalocean`,
 * `/kubernetes`, `/docker`), which loads only that target's providers.
 */
export * from "./mathesar";
export * from "./terraform";
export * from "./digitalocean";
export * from "./policies";
export * from "./aws";
export * from "./kubernetes";
export * from "./docker";
export * from "./google";
