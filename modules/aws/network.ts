/**
 * Building block: a VPC over two or more availability zones with three subnet tiers — public (load
 * balancer, NAT), private (Fargate tasks, no public IPs) and database (no route to the internet) — VPC flow
 * logs, the default security group stripped of every rule, and a documented egress choice.
 */
import { Construct } from "constructs";
import { Fn, IResolvable, Op, TerraformCount, Token } from "cdktf";
import { Vpc } from "@cdktf/provider-aws/lib/vpc";
import { DefaultSecurityGroup } from "@cdktf/provider-aws/lib/default-security-group";
import { InternetGateway } from "@cdktf/provider-aws/lib/internet-gateway";
import { Subnet } from "@cdktf/provider-aws/lib/subnet";
import { RouteTable } from "@cdktf/provider-aws/lib/route-table";
import { Route } from "@cdktf/provider-aws/lib/route";
import { RouteTableAssociation } from "@cdktf/provider-aws/lib/route-table-association";
import { Eip } from "@cdktf/provider-aws/lib/eip";
import { NatGateway } from "@cdktf/provider-aws/lib/nat-gateway";
import { VpcEndpoint } from "@cdktf/provider-aws/lib/vpc-endpoint";
import { SecurityGroup } from "@cdktf/provider-aws/lib/security-group";
import { CloudwatchLogGroup } from "@cdktf/provider-aws/lib/cloudwatch-log-group";
import { IamRole } from "@cdktf/provider-aws/lib/iam-role";
import { IamRolePolicy } from "@cdktf/provider-aws/lib/iam-role-policy";
import { FlowLog } from "@cdktf/provider-aws/lib/flow-log";
import { isToken } from "../mathesar";
import { countIf, ifElse, instanceAttribute, splat, stableAddress } from "../terraform";
import { truthy } from "../terraform/wiring";
import { AWS_INTERFACE_ENDPOINTS, AwsEgressMode } from "./catalog";
import { currentRegion } from "./region";

/** Props of {@link MathesarAwsNetwork}. */
export interface MathesarAwsNetworkProps {
  /** Name prefix for resource names and `Name` tags. */
  readonly name: string;
  /** VPC CIDR block (/16 to /22); each tier gets a /20-equivalent slice per zone (`cidrsubnet(cidr, 4, n)`). */
  readonly cidr: string;
  /** Availability zones to use (two or more, at most four). */
  readonly availabilityZones: string[];
  /**
   * How many zones `availabilityZones` holds, when the list is a Terraform value but its length is known.
   * @default - the list's length (`length(...)` for a Terraform list)
   */
  readonly zoneCount?: number;
  /** How private subnets reach AWS APIs and the image registry. */
  readonly egress: AwsEgressMode;
  /**
   * Create the public tier (subnets, internet gateway, public route table). Only an internal load balancer
   * with `vpc_endpoints` egress needs none: nothing then faces the internet.
   * @default true
   */
  readonly publicTier?: boolean | IResolvable;
  /** Days to keep VPC flow logs. */
  readonly flowLogRetentionDays: number;
  /**
   * Customer-managed KMS key (ARN) for the log group; its key policy must allow CloudWatch Logs.
   * @default - CloudWatch Logs' own encryption
   */
  readonly kmsKeyId?: string;
}

/** The VPC Mathesar runs in. */
export class MathesarAwsNetwork extends Construct {
  /** The VPC (escape hatch). */
  public readonly vpc: Vpc;
  /** Public subnets (load balancer, NAT gateways). */
  public readonly publicSubnetIds: string[];
  /** Private subnets (Fargate tasks). */
  public readonly privateSubnetIds: string[];
  /** Database subnets (no internet route). */
  public readonly databaseSubnetIds: string[];
  /** The flow log (escape hatch). */
  public readonly flowLog: FlowLog;

  constructor(scope: Construct, id: string, props: MathesarAwsNetworkProps) {
    super(scope, id);
    const tags = (suffix: string) => ({ Name: `${props.name}-${suffix}` });
    const zoneCount =
      props.zoneCount ??
      (Token.isUnresolved(props.availabilityZones) || props.availabilityZones.some(isToken)
        ? Token.asNumber(Fn.lengthOf(props.availabilityZones))
        : props.availabilityZones.length);
    const zones = TerraformCount.of(zoneCount);

    this.vpc = stableAddress(
      new Vpc(this, "Vpc", {
        cidrBlock: props.cidr,
        enableDnsHostnames: true,
        enableDnsSupport: true,
        tags: tags("vpc"),
      }),
      "this",
    );
    // CKV2_AWS_12: the default security group allows nothing; every workload gets its own group.
    stableAddress(
      new DefaultSecurityGroup(this, "DefaultSecurityGroup", { vpcId: this.vpc.id, tags: tags("default-deny") }),
      "this",
    );

    const publicTier = truthy(props.publicTier, true);
    const publicZones = TerraformCount.of(Token.asNumber(ifElse(publicTier, zoneCount, 0)));
    const subnetTier = (tier: string, offset: number, count = zones) =>
      stableAddress(
        new Subnet(this, `${tier}Subnet`, {
          count,
          vpcId: this.vpc.id,
          availabilityZone: Fn.element(props.availabilityZones, Token.asNumber(count.index)),
          cidrBlock: Fn.cidrsubnet(props.cidr, 4, Token.asNumber(Op.add(offset, count.index))),
          mapPublicIpOnLaunch: false,
          tags: { Name: `${props.name}-${tier.toLowerCase()}-\${count.index}`, Tier: tier.toLowerCase() },
        }),
        tier.toLowerCase(),
      );
    const publicSubnet = subnetTier("Public", 0, publicZones);
    const privateSubnet = subnetTier("Private", 4);
    const databaseSubnet = subnetTier("Database", 8);
    this.publicSubnetIds = splat(publicSubnet, "id");
    this.privateSubnetIds = splat(privateSubnet, "id");
    this.databaseSubnetIds = splat(databaseSubnet, "id");

    const publicCount = countIf(publicTier);
    const igw = stableAddress(
      new InternetGateway(this, "InternetGateway", { count: publicCount, vpcId: this.vpc.id, tags: tags("igw") }),
      "this",
    );
    const publicRoutes = stableAddress(
      new RouteTable(this, "PublicRouteTable", { count: publicCount, vpcId: this.vpc.id, tags: tags("public") }),
      "public",
    );
    stableAddress(
      new Route(this, "PublicDefaultRoute", {
        count: publicCount,
        routeTableId: instanceAttribute(publicRoutes, 0, "id"),
        destinationCidrBlock: "0.0.0.0/0",
        gatewayId: instanceAttribute(igw, 0, "id"),
      }),
      "public_internet",
    );
    associate(this, "Public", publicSubnet, publicZones, () => instanceAttribute(publicRoutes, 0, "id"));

    // One route table per zone, so that a NAT gateway per zone can serve its own zone.
    const privateRoutes = stableAddress(
      new RouteTable(this, "PrivateRouteTable", {
        count: zones,
        vpcId: this.vpc.id,
        tags: { Name: `${props.name}-private-\${count.index}` },
      }),
      "private",
    );
    associate(this, "Private", privateSubnet, zones, () =>
      Fn.element(splat(privateRoutes, "id"), Token.asNumber(zones.index)),
    );
    // The database tier has a route table with no default route at all.
    const databaseRoutes = stableAddress(
      new RouteTable(this, "DatabaseRouteTable", { vpcId: this.vpc.id, tags: tags("database") }),
      "database",
    );
    associate(this, "Database", databaseSubnet, zones, () => databaseRoutes.id);

    const natCount = natGatewayCount(props.egress, zoneCount);
    const nats = TerraformCount.of(Token.asNumber(natCount));
    const eip = stableAddress(
      new Eip(this, "NatEip", { count: nats, domain: "vpc", tags: { Name: `${props.name}-nat-\${count.index}` } }),
      "nat",
    );
    const nat = stableAddress(
      new NatGateway(this, "NatGateway", {
        count: nats,
        allocationId: Fn.element(splat(eip, "id"), Token.asNumber(nats.index)),
        subnetId: Fn.element(this.publicSubnetIds, Token.asNumber(nats.index)),
        tags: { Name: `${props.name}-nat-\${count.index}` },
        dependsOn: [igw],
      }),
      "this",
    );
    // With one NAT gateway every zone uses it; element() wraps around the list.
    // Every zone's private route table gets a default route, except when egress is VPC endpoints only.
    const viaNat = isToken(props.egress)
      ? Token.asString(Op.neq(props.egress, "vpc_endpoints"))
      : props.egress !== "vpc_endpoints";
    const privateDefault = TerraformCount.of(Token.asNumber(ifElse(viaNat, zoneCount, 0)));
    stableAddress(
      new Route(this, "PrivateDefaultRoute", {
        count: privateDefault,
        routeTableId: Fn.element(splat(privateRoutes, "id"), Token.asNumber(privateDefault.index)),
        destinationCidrBlock: "0.0.0.0/0",
        natGatewayId: Fn.element(splat(nat, "id"), Token.asNumber(privateDefault.index)),
      }),
      "private_nat",
    );
    this.addEndpoints(props, privateRoutes);

    const flowLogGroup = stableAddress(
      new CloudwatchLogGroup(this, "FlowLogGroup", {
        name: `/aws/vpc-flow-logs/${props.name}`,
        retentionInDays: props.flowLogRetentionDays,
        kmsKeyId: props.kmsKeyId,
      }),
      "flow_logs",
    );
    const flowLogRole = stableAddress(
      new IamRole(this, "FlowLogRole", {
        namePrefix: `${props.name}-flow-logs-`,
        assumeRolePolicy: Fn.jsonencode({
          Version: "2012-10-17",
          Statement: [
            { Effect: "Allow", Principal: { Service: "vpc-flow-logs.amazonaws.com" }, Action: "sts:AssumeRole" },
          ],
        }),
      }),
      "flow_logs",
    );
    stableAddress(
      new IamRolePolicy(this, "FlowLogPolicy", {
        role: flowLogRole.id,
        policy: Fn.jsonencode({
          Version: "2012-10-17",
          Statement: [
            {
              Effect: "Allow",
              Action: [
                "logs:CreateLogStream",
                "logs:PutLogEvents",
                "logs:DescribeLogGroups",
                "logs:DescribeLogStreams",
              ],
              Resource: [flowLogGroup.arn, `${flowLogGroup.arn}:*`],
            },
          ],
        }),
      }),
      "flow_logs",
    );
    this.flowLog = stableAddress(
      new FlowLog(this, "FlowLog", {
        vpcId: this.vpc.id,
        trafficType: "ALL",
        logDestination: flowLogGroup.arn,
        iamRoleArn: flowLogRole.arn,
        tags: tags("flow-log"),
      }),
      "this",
    );
  }

  /** VPC endpoints for the `vpc_endpoints` egress mode: S3 (gateway) and ECR, logs, Secrets Manager. */
  private addEndpoints(props: MathesarAwsNetworkProps, privateRoutes: RouteTable): void {
    const endpointsOn = isToken(props.egress)
      ? Token.asString(Op.eq(props.egress, "vpc_endpoints"))
      : props.egress === "vpc_endpoints";
    const enabled = ifElse(endpointsOn, 1, 0);
    const region = currentRegion(this);
    const endpointGroup = stableAddress(
      new SecurityGroup(this, "EndpointSecurityGroup", {
        count: enabled,
        namePrefix: `${props.name}-endpoints-`,
        description: "HTTPS from inside the VPC to the interface endpoints",
        vpcId: this.vpc.id,
        ingress: [
          {
            description: "HTTPS from the VPC",
            protocol: "tcp",
            fromPort: 443,
            toPort: 443,
            cidrBlocks: [this.vpc.cidrBlock],
          },
        ],
        tags: { Name: `${props.name}-endpoints` },
      }),
      "endpoints",
    );
    stableAddress(
      new VpcEndpoint(this, "S3Endpoint", {
        count: enabled,
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${region.name}.s3`,
        vpcEndpointType: "Gateway",
        routeTableIds: splat(privateRoutes, "id"),
        tags: { Name: `${props.name}-s3` },
      }),
      "s3",
    );
    const interfaceCount = TerraformCount.of(Token.asNumber(ifElse(endpointsOn, AWS_INTERFACE_ENDPOINTS.length, 0)));
    stableAddress(
      new VpcEndpoint(this, "InterfaceEndpoint", {
        count: interfaceCount,
        vpcId: this.vpc.id,
        serviceName: `com.amazonaws.${region.name}.\${element(${JSON.stringify([...AWS_INTERFACE_ENDPOINTS]).replace(/,/g, ", ")}, count.index)}`,
        vpcEndpointType: "Interface",
        privateDnsEnabled: true,
        subnetIds: this.privateSubnetIds,
        securityGroupIds: splat(endpointGroup, "id"),
        tags: { Name: `${props.name}-endpoint-\${count.index}` },
      }),
      "interface",
    );
  }
}

function associate(
  scope: Construct,
  tier: string,
  subnet: Subnet,
  zones: TerraformCount,
  routeTableId: () => string,
): void {
  stableAddress(
    new RouteTableAssociation(scope, `${tier}RouteTableAssociation`, {
      count: zones,
      subnetId: Fn.element(splat(subnet, "id"), Token.asNumber(zones.index)),
      routeTableId: routeTableId(),
    }),
    tier.toLowerCase(),
  );
}

/** NAT gateways for an egress mode: one, one per zone, or none. */
function natGatewayCount(egress: string, zoneCount: number): number | string {
  if (!isToken(egress)) return egress === "nat_gateway" ? 1 : egress === "nat_gateway_per_az" ? zoneCount : 0;
  return Token.asString(
    Fn.conditional(Op.eq(egress, "nat_gateway"), 1, Fn.conditional(Op.eq(egress, "nat_gateway_per_az"), zoneCount, 0)),
  );
}
