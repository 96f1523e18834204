import { TerraformStack, TerraformVariable, Testing } from "cdktf";
import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { MathesarOnAws, MathesarOnAwsProps } from "../../modules/aws";
import { MathesarInputError } from "../../modules/mathesar";
import { AWS_BAD_INPUTS } from "./bad-input-cases";

function build(props: Partial<MathesarOnAwsProps>, region = "us-east-1") {
  const stack = new TerraformStack(Testing.app(), "bad");
  new AwsProvider(stack, "aws", { region });
  new MathesarOnAws(stack, "Mathesar", { domainName: "mathesar.example.org", ...props } as MathesarOnAwsProps);
}

const existingNetwork = {
  vpcId: "vpc-0123456789abcdef0",
  vpcCidr: "10.0.0.0/16",
  publicSubnetIds: ["subnet-0aaaaaaaaaaaaaaaa", "subnet-0bbbbbbbbbbbbbbbb"],
  privateSubnetIds: ["subnet-0cccccccccccccccc", "subnet-0dddddddddddddddd"],
};

const oidc = {
  issuer: "https://idp.example.org",
  authorizationEndpoint: "https://idp.example.org/authorize",
  tokenEndpoint: "https://idp.example.org/token",
  userInfoEndpoint: "https://idp.example.org/userinfo",
  clientId: "mathesar",
  clientSecret: "client-secret",
};

const cases: Array<[string, Partial<MathesarOnAwsProps>, RegExp]> = [
  ["no domain", { domainName: undefined }, /Invalid domainName undefined: must be set on AWS/],
  [
    "a zone id without a domain",
    { domainName: undefined, route53ZoneId: "Z0123456789ABCDEFGHIJ" },
    /Invalid route53ZoneId "Z0123456789ABCDEFGHIJ" without domainName/,
  ],
  [
    "an invalid domain",
    { domainName: "bad domain" },
    /Invalid domainName "bad domain": must be a lowercase DNS host name/,
  ],
  [
    "a malformed zone id",
    { route53ZoneId: "zone-1" },
    /Invalid route53ZoneId "zone-1": must be a Route 53 hosted zone id/,
  ],
  [
    "a malformed VPC CIDR",
    { network: { cidr: "10.0.0.0/33" } },
    /Invalid network.cidr "10.0.0.0\/33": must be an IPv4 network from \/16 to \/22/,
  ],
  ["a VPC too small for three tiers", { network: { cidr: "10.0.0.0/26" } }, /Invalid network.cidr "10.0.0.0\/26"/],
  ["an unknown size", { size: "xl" as never }, /Invalid size "xl": must be one of "small", "medium", "large"\./],
  ["latest", { mathesarVersion: "latest" }, /Invalid mathesarVersion "latest"/],
  [
    "PostgreSQL 13",
    { database: { managed: { version: 13 } } },
    /Invalid database.managed.version 13: must be a whole number from 14 to 17/,
  ],
  [
    "backups shorter than a week",
    { database: { managed: { backupRetentionDays: 3 } } },
    /Invalid database.managed.backupRetentionDays 3: must be a whole number from 7 to 35/,
  ],
  [
    "an existing database without a secret",
    { database: { existing: { host: "db.example.org" } as never } },
    /Invalid database.existing.passwordSecretArn undefined: must name the Secrets Manager secret/,
  ],
  [
    "an existing database whose secret is not a Secrets Manager ARN",
    { database: { existing: { host: "db", passwordSecretArn: "hunter2" } } },
    /Invalid database.existing.passwordSecretArn "hunter2"/,
  ],
  [
    "an existing database without host",
    {
      database: { existing: { host: "", passwordSecretArn: "arn:aws:secretsmanager:us-east-1:123456789012:secret:x" } },
    },
    /Invalid database.existing.host: must be set/,
  ],
  ["VPC endpoints with a Docker Hub image", { network: { egress: "vpc_endpoints" } }, /tasks cannot reach Docker Hub/],
  ["an unknown egress", { network: { egress: "proxy" as never } }, /Invalid network.egress "proxy"/],
  [
    "no access-log retention",
    { accessLogRetentionDays: 0 },
    /Invalid accessLogRetentionDays 0: must be a whole number from 1 to 3650 days/,
  ],
  [
    "too little storage",
    { database: { managed: { allocatedStorageGiB: 5 } } },
    /Invalid database.managed.allocatedStorageGiB 5/,
  ],
  [
    "an existing VPC with one private subnet",
    { network: { existing: { ...existingNetwork, privateSubnetIds: ["subnet-0cccccccccccccccc"] } } },
    /must list at least 2 subnets in different availability zones/,
  ],
  [
    "an internet-facing load balancer without public subnets",
    { network: { existing: { ...existingNetwork, publicSubnetIds: undefined } } },
    /an internet-facing load balancer needs public subnets/,
  ],
  [
    "a malformed VPC id",
    { network: { existing: { ...existingNetwork, vpcId: "my-vpc" } } },
    /Invalid network.existing.vpcId "my-vpc"/,
  ],
  // Found by the review (issue 8): each passed `plan` before.
  [
    "duplicate private subnets",
    {
      network: {
        existing: { ...existingNetwork, privateSubnetIds: ["subnet-0cccccccccccccccc", "subnet-0cccccccccccccccc"] },
      },
    },
    /Invalid network.existing.privateSubnetIds .*: must be distinct/,
  ],
  [
    "public subnets equal to the private ones",
    { network: { existing: { ...existingNetwork, publicSubnetIds: existingNetwork.privateSubnetIds } } },
    /Invalid network.existing.publicSubnetIds .*: must not be private or database subnets/,
  ],
  [
    "database subnets among the public ones",
    { network: { existing: { ...existingNetwork, databaseSubnetIds: existingNetwork.publicSubnetIds } } },
    /Invalid network.existing.publicSubnetIds .*: must not be private or database subnets/,
  ],
  [
    "public subnets beside an internal load balancer (ignored)",
    { internal: true, network: { existing: existingNetwork } },
    /Invalid network.existing.publicSubnetIds .*: an internal load balancer uses the private subnets/,
  ],
  [
    "an S3 ARN as certificate",
    { certificateArn: "arn:aws:s3:::my-bucket" },
    /Invalid certificateArn "arn:aws:s3:::my-bucket": must be an ACM certificate ARN/,
  ],
  [
    "a CLOUDFRONT-scope WAF ACL",
    { wafWebAclArn: "arn:aws:wafv2:us-east-1:123456789012:global/webacl/edge/0a1b2c3d-4e5f-6789-abcd-ef0123456789" },
    /Invalid wafWebAclArn .*: must be a REGIONAL WAFv2 web ACL ARN/,
  ],
  [
    "db.t2.micro with PostgreSQL 17",
    { database: { managed: { instanceClass: "db.t2.micro" } } },
    /Invalid database.managed.instanceClass "db.t2.micro": must be an RDS instance class of a current generation/,
  ],
  [
    "an OIDC endpoint over http",
    { loadBalancerOidc: { ...oidc, tokenEndpoint: "http://idp.example.org/token" } },
    /Invalid loadBalancerOidc.tokenEndpoint "http:\/\/idp.example.org\/token": must be an https:\/\/ URL/,
  ],
  [
    "an empty OIDC client id",
    { loadBalancerOidc: { ...oidc, clientId: "" } },
    /Invalid loadBalancerOidc.clientId "": must be set/,
  ],
  [
    "two hyphens in a row in the name",
    { name: "math--esar" },
    /Invalid name "math--esar": .*without two hyphens in a row/,
  ],
  [
    "a VPC CIDR with host bits",
    { network: { cidr: "10.0.0.1/16" } },
    /Invalid network.cidr "10.0.0.1\/16": .*no host bits set/,
  ],
  [
    "an existing VPC CIDR with host bits",
    { network: { existing: { ...existingNetwork, vpcCidr: "10.0.0.1/16" } } },
    /Invalid network.existing.vpcCidr "10.0.0.1\/16"/,
  ],
  [
    "a KMS alias instead of a key",
    { kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:alias/mathesar" },
    /Invalid kmsKeyArn .*: must be a KMS key ARN/,
  ],
  [
    "a database secret in another region",
    {
      database: {
        existing: {
          host: "db.example.org",
          passwordSecretArn: "arn:aws:secretsmanager:us-west-2:123456789012:secret:db-AbCdEf",
        },
      },
    },
    /Invalid database.existing.passwordSecretArn .*: in region us-west-2, but the deployment is in us-east-1/,
  ],
  [
    "an SSO secret in another region",
    { sso: { configSecretArn: "arn:aws:secretsmanager:eu-west-1:123456789012:secret:sso-AbCdEf" } },
    /Invalid sso.configSecretArn .*: in region eu-west-1, but the deployment is in us-east-1/,
  ],
  [
    "a certificate from another region",
    { certificateArn: "arn:aws:acm:us-west-2:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789" },
    /Invalid certificateArn .*: in region us-west-2, but the deployment is in us-east-1/,
  ],
  [
    "availability zones from another region",
    { network: { availabilityZones: ["us-west-2a", "us-west-2b"] } },
    /Invalid network.availabilityZones\[0\] "us-west-2a": in region us-west-2, but the deployment is in us-east-1/,
  ],
  [
    "an ECR mirror in another region with VPC-endpoint egress",
    { network: { egress: "vpc_endpoints" }, imageRepository: "123456789012.dkr.ecr.us-west-2.amazonaws.com/mathesar" },
    /Invalid imageRepository "123456789012.dkr.ecr.us-west-2.amazonaws.com\/mathesar": in region us-west-2, but the deployment is in us-east-1/,
  ],
  [
    "a KMS key from another region",
    { kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789" },
    /Invalid kmsKeyArn .*: in region eu-west-1, but the deployment is in us-east-1/,
  ],
];

test.each(AWS_BAD_INPUTS.map((c) => [c.what, c] as const))(
  "shared table: refuses %s with the words Terraform says too",
  (_what, bad) => {
    let thrown: unknown;
    try {
      build(bad.props);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(MathesarInputError);
    expect((thrown as Error).message).toContain(`Invalid ${bad.prop}`);
    expect((thrown as Error).message).toContain(bad.because);
  },
);

test.each(cases)("refuses %s with a clear error, before any resource", (_what, props, message) => {
  expect(() => build(props)).toThrow(message);
  expect(() => build(props)).toThrow(MathesarInputError);
});

test("accepts the documented variants", () => {
  expect(() => build({ internal: true })).not.toThrow();
  expect(() => build({ network: { existing: existingNetwork } })).not.toThrow();
  expect(() =>
    build({ network: { existing: { ...existingNetwork, publicSubnetIds: undefined } }, internal: true }),
  ).not.toThrow();
  expect(() =>
    build({
      network: { egress: "vpc_endpoints" },
      imageRepository: "123456789012.dkr.ecr.us-east-1.amazonaws.com/mathesar",
    }),
  ).not.toThrow();
  expect(() =>
    build({ network: { existing: { ...existingNetwork, databaseSubnetIds: existingNetwork.privateSubnetIds } } }),
  ).not.toThrow();
  expect(() =>
    build({
      loadBalancerOidc: oidc,
      certificateArn: "arn:aws:acm:us-east-1:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
    }),
  ).not.toThrow();
  expect(() =>
    build({
      wafWebAclArn:
        "arn:aws:wafv2:us-east-1:123456789012:regional/webacl/mathesar/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
    }),
  ).not.toThrow();
  expect(() =>
    build({
      kmsKeyArn: "arn:aws:kms:us-east-1:123456789012:key/0a1b2c3d-4e5f-6789-abcd-ef0123456789",
      allowedCidrs: ["0.0.0.0/0"],
    }),
  ).not.toThrow();
  // With NAT egress an ECR mirror in another region is reachable; the region checks follow the provider's region.
  expect(() => build({ imageRepository: "123456789012.dkr.ecr.us-west-2.amazonaws.com/mathesar" })).not.toThrow();
  expect(() => build({ network: { availabilityZones: ["eu-west-1a", "eu-west-1b"] } }, "eu-west-1")).not.toThrow();
});

test("region checks are left to Terraform when the provider's region is not known at synth", () => {
  const stack = new TerraformStack(Testing.app(), "token-region");
  const region = new TerraformVariable(stack, "region", { type: "string" });
  new AwsProvider(stack, "aws", { region: region.stringValue });
  const certificateArn = "arn:aws:acm:us-west-2:123456789012:certificate/0a1b2c3d-4e5f-6789-abcd-ef0123456789";
  new MathesarOnAws(stack, "Mathesar", { domainName: "mathesar.example.org", certificateArn });
  const config = JSON.parse(Testing.synth(stack));
  const postconditions = config.data.aws_region.current.lifecycle.postcondition as Array<{
    condition: string;
    error_message: string;
  }>;
  expect(postconditions).toEqual(
    expect.arrayContaining([
      {
        condition: '${self.name == "us-west-2"}',
        error_message: expect.stringContaining(`Invalid certificateArn "${certificateArn}": in region us-west-2`),
      },
    ]),
  );
});
