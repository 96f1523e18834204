import { TerraformStack, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { MathesarOnAws, MathesarOnAwsProps } from "../../modules/aws";
import { MathesarInputError } from "../../modules/mathesar";

function build(props: Partial<MathesarOnAwsProps>) {
  const stack = new TerraformStack(Testing.app(), "bad");
  new AwsProvider(stack, "aws", { region: "us-east-1" });
  new MathesarOnAws(stack, "Mathesar", { domainName: "mathesar.example.org", ...props } as MathesarOnAwsProps);
}

const existingNetwork = {
  vpcId: "vpc-0123456789abcdef0",
  vpcCidr: "10.0.0.0/16",
  publicSubnetIds: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"],
  privateSubnetIds: ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"],
};

const cases: Array<[string, Partial<MathesarOnAwsProps>, RegExp]> = [
  ["no domain", { domainName: undefined }, /Invalid domainName undefined: must be set on AWS/],
  ["a zone id without a domain", { domainName: undefined, route53ZoneId: "Z0123456789ABCDEFGHIJ" }, /Invalid route53ZoneId "Z0123456789ABCDEFGHIJ" without domainName/],
  ["an invalid domain", { domainName: "bad domain" }, /Invalid domainName "bad domain": must be a lowercase DNS host name/],
  ["a malformed zone id", { route53ZoneId: "zone-1" }, /Invalid route53ZoneId "zone-1": must be a Route 53 hosted zone id/],
  ["a malformed VPC CIDR", { network: { cidr: "10.0.0.0/33" } }, /Invalid network.cidr "10.0.0.0\/33": must be an IPv4 CIDR block from \/16 to \/22/],
  ["a VPC too small for three tiers", { network: { cidr: "10.0.0.0/26" } }, /Invalid network.cidr "10.0.0.0\/26"/],
  ["subnets all in one zone", { network: { availabilityZones: ["us-east-1a", "us-east-1a"] } }, /must be distinct — subnets all in one zone defeat high availability/],
  ["a single zone", { network: { availabilityZones: ["us-east-1a"] } }, /must list at least 2 distinct availability zones/],
  ["an unknown size", { size: "xl" as never }, /Invalid size "xl": must be one of "small", "medium", "large"\./],
  ["latest", { mathesarVersion: "latest" }, /Invalid mathesarVersion "latest"/],
  ["PostgreSQL 13", { database: { managed: { version: 13 } } }, /Invalid database.managed.version 13: must be a whole number from 14 to 17/],
  ["backups shorter than a week", { database: { managed: { backupRetentionDays: 3 } } }, /Invalid database.managed.backupRetentionDays 3: must be a whole number from 7 to 35/],
  ["an existing database without a secret", { database: { existing: { host: "db.example.org" } as never } }, /Invalid database.existing.passwordSecretArn undefined: must name the Secrets Manager secret/],
  ["an existing database whose secret is not a Secrets Manager ARN", { database: { existing: { host: "db", passwordSecretArn: "hunter2" } } }, /Invalid database.existing.passwordSecretArn "hunter2"/],
  ["an existing database without host", { database: { existing: { host: "", passwordSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:x" } } }, /Invalid database.existing.host: must be set/],
  ["both databases", { database: { managed: {}, existing: { host: "db", passwordSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:x" } } }, /either database.managed or database.existing/],
  ["VPC endpoints with a Docker Hub image", { network: { egress: "vpc_endpoints" } }, /tasks cannot reach Docker Hub/],
  ["an unknown egress", { network: { egress: "proxy" as never } }, /Invalid network.egress "proxy"/],
  ["a malformed allowed CIDR", { allowedCidrs: ["10.0.0.0"] }, /Invalid allowedCidrs\[0\] "10.0.0.0": must be an IPv4 CIDR block/],
  ["an unsupported log retention", { logRetentionDays: 42 }, /Invalid logRetentionDays "42": must be one of CloudWatch's retention values/],
  ["no access-log retention", { accessLogRetentionDays: 0 }, /Invalid accessLogRetentionDays 0: must be a whole number from 1 to 3650 days/],
  ["too little storage", { database: { managed: { allocatedStorageGiB: 5 } } }, /Invalid database.managed.allocatedStorageGiB 5/],
  ["an existing VPC with one private subnet", { network: { existing: { ...existingNetwork, privateSubnetIds: ["subnet-0cccccccccccccccc"] } } }, /must list at least 2 subnets in different availability zones/],
  ["an internet-facing load balancer without public subnets", { network: { existing: { ...existingNetwork, publicSubnetIds: undefined } } }, /an internet-facing load balancer needs public subnets/],
  ["new-VPC settings beside an existing VPC", { network: { existing: existingNetwork, cidr: "10.1.0.0/16" } }, /cidr, availabilityZones and egress describe a new VPC/],
  ["a malformed VPC id", { network: { existing: { ...existingNetwork, vpcId: "my-vpc" } } }, /Invalid network.existing.vpcId "my-vpc"/],
];

test.each(cases)("refuses %s with a clear error, before any resource", (_what, props, message) => {
  expect(() => build(props)).toThrow(message);
  expect(() => build(props)).toThrow(MathesarInputError);
});

test("accepts the documented variants", () => {
  expect(() => build({ internal: true })).not.toThrow();
  expect(() => build({ network: { existing: existingNetwork } })).not.toThrow();
  expect(() => build({ network: { existing: { ...existingNetwork, publicSubnetIds: undefined } }, internal: true })).not.toThrow();
  expect(() => build({ network: { egress: "vpc_endpoints" }, imageRepository: "123456789012.dkr.ecr.us-east-1.amazonaws.com/mathesar" })).not.toThrow();
});
