// Minimal type declarations of the Pulumi packages the generated infra/index.ts
// uses, for `tsc --noEmit` here: the real @pulumi/pulumi and @pulumi/aws are not
// installed on this machine. Property names and types follow the published
// API (https://www.pulumi.com/registry/packages/aws/api-docs/); a misspelt
// property, a wrong type or an unknown resource fails the check, but the
// check cannot see arguments the real provider requires that these omit.
declare module "fs" {
  export function readFileSync(path: string, encoding: "utf8"): string;
}
declare module "@pulumi/pulumi" {
  export interface Output<T> { apply<U>(f: (t: T) => U): Output<U>; readonly __output: T }
  export type Input<T> = T | Promise<T> | Output<T>;
  export class Config {
    constructor(name?: string);
    get(key: string): string | undefined;
    require(key: string): string;
    requireSecret(key: string): Output<string>;
    requireObject<T>(key: string): T;
  }
  export function jsonStringify(v: unknown): Output<string>;
  export function interpolate(s: TemplateStringsArray, ...v: unknown[]): Output<string>;
  export namespace asset {
    class FileArchive { constructor(path: string); }
  }
  export interface ResourceOptions { dependsOn?: unknown[]; protect?: boolean }
}
declare module "@pulumi/aws" {
  import { Input, Output, ResourceOptions, asset } from "@pulumi/pulumi";
  class Res { readonly id: Output<string>; readonly arn: Output<string>; readonly name: Output<string> }
  type Tags = { tags?: Input<Record<string, Input<string>>> };
  type Ids = Input<Input<string>[]>;
  export function getRegion(): Promise<{ name: string; id: string }>;
  export function getCallerIdentity(): Promise<{ accountId: string; arn: string }>;
  export function getAvailabilityZones(a?: { state?: string }): Promise<{ names: string[]; zoneIds: string[] }>;
  export namespace ec2 {
    type Rule = { protocol: Input<string>; fromPort: Input<number>; toPort: Input<number>; cidrBlocks?: Ids; securityGroups?: Ids; self?: Input<boolean>; description?: Input<string> };
    class Vpc extends Res { constructor(n: string, a: { cidrBlock?: Input<string>; enableDnsSupport?: Input<boolean>; enableDnsHostnames?: Input<boolean> } & Tags, o?: ResourceOptions); }
    class InternetGateway extends Res { constructor(n: string, a: { vpcId?: Input<string> } & Tags, o?: ResourceOptions); }
    class RouteTable extends Res { constructor(n: string, a: { vpcId: Input<string>; routes?: Input<Input<{ cidrBlock?: Input<string>; gatewayId?: Input<string>; natGatewayId?: Input<string> }>[]> } & Tags, o?: ResourceOptions); }
    class RouteTableAssociation extends Res { constructor(n: string, a: { routeTableId: Input<string>; subnetId?: Input<string>; gatewayId?: Input<string> }, o?: ResourceOptions); }
    class Subnet extends Res { constructor(n: string, a: { vpcId: Input<string>; cidrBlock?: Input<string>; availabilityZone?: Input<string>; mapPublicIpOnLaunch?: Input<boolean> } & Tags, o?: ResourceOptions); }
    class Eip extends Res { readonly allocationId: Output<string>; constructor(n: string, a: { domain?: Input<string> } & Tags, o?: ResourceOptions); }
    class NatGateway extends Res { constructor(n: string, a: { subnetId: Input<string>; allocationId?: Input<string>; connectivityType?: Input<string> } & Tags, o?: ResourceOptions); }
    class SecurityGroup extends Res { constructor(n: string, a: { name?: Input<string>; description?: Input<string>; vpcId?: Input<string>; ingress?: Input<Input<Rule>[]>; egress?: Input<Input<Rule>[]> } & Tags, o?: ResourceOptions); }
    class SecurityGroupRule extends Res { constructor(n: string, a: { type: Input<"ingress" | "egress">; securityGroupId: Input<string>; protocol: Input<string>; fromPort: Input<number>; toPort: Input<number>; sourceSecurityGroupId?: Input<string>; cidrBlocks?: Ids; description?: Input<string> }, o?: ResourceOptions); }
  }
  export namespace apigatewayv2 {
    class Api extends Res { constructor(n: string, a: { name?: Input<string>; protocolType: Input<"HTTP" | "WEBSOCKET"> } & Tags, o?: ResourceOptions); }
  }
  export namespace lb {
    class LoadBalancer extends Res { constructor(n: string, a: { name?: Input<string>; loadBalancerType?: Input<"application" | "network" | "gateway">; internal?: Input<boolean>; subnets?: Ids; securityGroups?: Ids } & Tags, o?: ResourceOptions); }
    class TargetGroup extends Res { constructor(n: string, a: { targetType?: Input<"instance" | "ip" | "lambda" | "alb">; port?: Input<number>; protocol?: Input<string>; vpcId?: Input<string>; healthCheck?: Input<{ path?: Input<string>; port?: Input<string>; protocol?: Input<string>; matcher?: Input<string> }> } & Tags, o?: ResourceOptions); }
    class TargetGroupAttachment extends Res { constructor(n: string, a: { targetGroupArn: Input<string>; targetId: Input<string>; port?: Input<number> }, o?: ResourceOptions); }
    class Listener extends Res { constructor(n: string, a: { loadBalancerArn: Input<string>; port?: Input<number>; protocol?: Input<"HTTP" | "HTTPS" | "TCP" | "TLS" | "UDP" | "TCP_UDP">; sslPolicy?: Input<string>; certificateArn?: Input<string>; defaultActions: Input<Input<{ type: Input<"forward" | "redirect" | "fixed-response" | "authenticate-cognito" | "authenticate-oidc">; targetGroupArn?: Input<string> }>[]> } & Tags, o?: ResourceOptions); }
  }

  export namespace s3 {
    class BucketV2 extends Res { constructor(n: string, a: { bucket?: Input<string>; forceDestroy?: Input<boolean> } & Tags, o?: ResourceOptions); }
  }
  export namespace cognito {
    class UserPool extends Res { constructor(n: string, a: { name?: Input<string>; usernameAttributes?: Input<Input<string>[]>; autoVerifiedAttributes?: Input<Input<string>[]> } & Tags, o?: ResourceOptions); }
    class UserPoolClient extends Res { constructor(n: string, a: { userPoolId: Input<string>; generateSecret?: Input<boolean> }, o?: ResourceOptions); }
  }
  export namespace sesv2 {
    class EmailIdentity extends Res { constructor(n: string, a: { emailIdentity: Input<string> } & Tags, o?: ResourceOptions); }
  }
  export namespace elasticache {
    class SubnetGroup extends Res { constructor(n: string, a: { subnetIds: Ids; description?: Input<string> } & Tags, o?: ResourceOptions); }
    class ServerlessCache extends Res { constructor(n: string, a: { name?: Input<string>; engine: Input<string>; subnetIds?: Ids; securityGroupIds?: Ids } & Tags, o?: ResourceOptions); }
    class ReplicationGroup extends Res { constructor(n: string, a: { replicationGroupId?: Input<string>; description: Input<string>; engine?: Input<string>; nodeType?: Input<string>; numCacheClusters?: Input<number>; automaticFailoverEnabled?: Input<boolean>; multiAzEnabled?: Input<boolean>; transitEncryptionEnabled?: Input<boolean>; atRestEncryptionEnabled?: Input<boolean>; subnetGroupName?: Input<string>; securityGroupIds?: Ids } & Tags, o?: ResourceOptions); }
  }
  export namespace opensearch {
    class Domain extends Res { constructor(n: string, a: { domainName?: Input<string>; clusterConfig?: Input<{ instanceType?: Input<string>; instanceCount?: Input<number>; zoneAwarenessEnabled?: Input<boolean> }>; ebsOptions?: Input<{ ebsEnabled: Input<boolean>; volumeSize?: Input<number> }>; vpcOptions?: Input<{ subnetIds?: Ids; securityGroupIds?: Ids }> } & Tags, o?: ResourceOptions); }
  }
  export namespace rds {
    class SubnetGroup extends Res { constructor(n: string, a: { subnetIds: Ids; description?: Input<string> } & Tags, o?: ResourceOptions); }
    class Cluster extends Res { readonly clusterResourceId: Output<string>; constructor(n: string, a: { clusterIdentifier?: Input<string>; engine: Input<string>; engineMode?: Input<string>; dbClusterInstanceClass?: Input<string>; allocatedStorage?: Input<number>; storageType?: Input<string>; iops?: Input<number>; storageEncrypted?: Input<boolean>; masterUsername?: Input<string>; manageMasterUserPassword?: Input<boolean>; iamDatabaseAuthenticationEnabled?: Input<boolean>; serverlessv2ScalingConfiguration?: Input<{ minCapacity: Input<number>; maxCapacity: Input<number> }>; dbSubnetGroupName?: Input<string>; vpcSecurityGroupIds?: Ids } & Tags, o?: ResourceOptions); }
    class ClusterInstance extends Res { constructor(n: string, a: { clusterIdentifier: Input<string>; instanceClass: Input<string>; engine: Input<string> }, o?: ResourceOptions); }
    class Instance extends Res { readonly resourceId: Output<string>; constructor(n: string, a: { identifier?: Input<string>; replicateSourceDb?: Input<string>; engine?: Input<string>; instanceClass: Input<string>; allocatedStorage?: Input<number>; multiAz?: Input<boolean>; storageEncrypted?: Input<boolean>; username?: Input<string>; manageMasterUserPassword?: Input<boolean>; iamDatabaseAuthenticationEnabled?: Input<boolean>; dbSubnetGroupName?: Input<string>; vpcSecurityGroupIds?: Ids } & Tags, o?: ResourceOptions); }
  }
  export namespace cloudfront {
    class Distribution extends Res { constructor(n: string, a: { enabled: Input<boolean>; origins: Input<Input<{ originId: Input<string>; domainName: Input<string> }>[]>; defaultCacheBehavior: Input<{ targetOriginId: Input<string>; viewerProtocolPolicy: Input<string>; allowedMethods: Input<Input<string>[]>; cachedMethods: Input<Input<string>[]> }>; restrictions: Input<{ geoRestriction: Input<{ restrictionType: Input<string> }> }>; viewerCertificate: Input<{ cloudfrontDefaultCertificate?: Input<boolean> }> } & Tags, o?: ResourceOptions); }
  }
  export namespace dynamodb {
    class Table extends Res { constructor(n: string, a: { name?: Input<string>; billingMode?: Input<string>; hashKey?: Input<string>; rangeKey?: Input<string>; attributes?: Input<Input<{ name: Input<string>; type: Input<string> }>[]>; globalSecondaryIndexes?: Input<Input<{ name: Input<string>; hashKey: Input<string>; rangeKey?: Input<string>; projectionType: Input<string> }>[]>; streamEnabled?: Input<boolean>; streamViewType?: Input<string>; ttl?: Input<{ attributeName?: Input<string>; enabled?: Input<boolean> }> } & Tags, o?: ResourceOptions); }
  }
  export namespace kinesis {
    class Stream extends Res { constructor(n: string, a: { name?: Input<string>; shardCount?: Input<number> } & Tags, o?: ResourceOptions); }
  }
  export namespace sqs {
    class Queue extends Res { constructor(n: string, a: { visibilityTimeoutSeconds?: Input<number>; messageRetentionSeconds?: Input<number>; redrivePolicy?: Input<string> } & Tags, o?: ResourceOptions); }
  }
  export namespace sns {
    class Topic extends Res { constructor(n: string, a: { name?: Input<string> } & Tags, o?: ResourceOptions); }
    class PlatformApplication extends Res { constructor(n: string, a: { name?: Input<string> }, o?: ResourceOptions); }
  }
  export namespace appsync {
    class GraphQLApi extends Res { constructor(n: string, a: { name?: Input<string> }, o?: ResourceOptions); }
  }
  export namespace msk {
    class ServerlessCluster extends Res { constructor(n: string, a: { name?: Input<string> }, o?: ResourceOptions); }
    class Cluster extends Res { constructor(n: string, a: { clusterName?: Input<string>; kafkaVersion: Input<string>; numberOfBrokerNodes: Input<number>; brokerNodeGroupInfo: Input<{ instanceType: Input<string>; clientSubnets: Ids; securityGroups: Ids }> } & Tags, o?: ResourceOptions); }
  }
  export namespace iam {
    class Role extends Res { constructor(n: string, a: { assumeRolePolicy: Input<string> } & Tags, o?: ResourceOptions); }
    class RolePolicy extends Res { constructor(n: string, a: { role: Input<string>; policy: Input<string> }, o?: ResourceOptions); }
    class RolePolicyAttachment extends Res { constructor(n: string, a: { role: Input<string>; policyArn: Input<string> }, o?: ResourceOptions); }
  }
  export namespace secretsmanager {
    class Secret extends Res { constructor(n: string, a: { name?: Input<string>; namePrefix?: Input<string>; description?: Input<string> } & Tags, o?: ResourceOptions); }
    class SecretVersion extends Res { constructor(n: string, a: { secretId: Input<string>; secretString?: Input<string> }, o?: ResourceOptions); }
  }
  export namespace lambda {
    class Function extends Res { constructor(n: string, a: { role: Input<string>; runtime?: Input<string>; handler?: Input<string>; memorySize?: Input<number>; timeout?: Input<number>; code?: asset.FileArchive; environment?: Input<{ variables?: Input<Record<string, Input<string>>> }>; vpcConfig?: Input<{ subnetIds: Ids; securityGroupIds: Ids }> } & Tags, o?: ResourceOptions); }
    class Permission extends Res { constructor(n: string, a: { action: Input<string>; function: Input<string>; principal: Input<string>; sourceArn?: Input<string>; statementId?: Input<string> }, o?: ResourceOptions); }
  }
  export namespace apprunner {
    class Service extends Res { constructor(n: string, a: { serviceName: Input<string>; sourceConfiguration: Input<{ imageRepository?: Input<{ imageIdentifier: Input<string>; imageRepositoryType: Input<"ECR" | "ECR_PUBLIC">; imageConfiguration?: Input<{ runtimeEnvironmentVariables?: Input<Record<string, Input<string>>> }> }> }>; instanceConfiguration?: Input<{ cpu?: Input<string>; memory?: Input<string>; instanceRoleArn?: Input<string> }>; networkConfiguration?: Input<{ egressConfiguration?: Input<{ egressType?: Input<"DEFAULT" | "VPC">; vpcConnectorArn?: Input<string> }> }> } & Tags, o?: ResourceOptions); }
    class VpcConnector extends Res { constructor(n: string, a: { vpcConnectorName: Input<string>; subnets: Ids; securityGroups: Ids } & Tags, o?: ResourceOptions); }
  }
  export namespace appautoscaling {
    class Target extends Res { readonly serviceNamespace: Output<string>; readonly scalableDimension: Output<string>; readonly resourceId: Output<string>; constructor(n: string, a: { serviceNamespace: Input<string>; scalableDimension: Input<string>; resourceId: Input<string>; minCapacity: Input<number>; maxCapacity: Input<number> }, o?: ResourceOptions); }
    class Policy extends Res { constructor(n: string, a: { policyType?: Input<string>; serviceNamespace: Input<string>; scalableDimension: Input<string>; resourceId: Input<string>; targetTrackingScalingPolicyConfiguration?: Input<{ targetValue: Input<number>; predefinedMetricSpecification?: Input<{ predefinedMetricType: Input<string> }> }> }, o?: ResourceOptions); }
  }
  export namespace ecs {
    class Cluster extends Res { constructor(n: string, a: { name?: Input<string> } & Tags, o?: ResourceOptions); }
    class TaskDefinition extends Res { constructor(n: string, a: { family: Input<string>; cpu?: Input<string>; memory?: Input<string>; networkMode?: Input<"awsvpc" | "bridge" | "host" | "none">; requiresCompatibilities?: Input<Input<"FARGATE" | "EC2">[]>; executionRoleArn?: Input<string>; taskRoleArn?: Input<string>; containerDefinitions: Input<string> } & Tags, o?: ResourceOptions); }
    class Service extends Res { constructor(n: string, a: { name?: Input<string>; cluster?: Input<string>; taskDefinition?: Input<string>; desiredCount?: Input<number>; launchType?: Input<"FARGATE" | "EC2">; loadBalancers?: Input<Input<{ targetGroupArn?: Input<string>; containerName: Input<string>; containerPort: Input<number> }>[]>; networkConfiguration?: Input<{ subnets: Ids; securityGroups?: Ids; assignPublicIp?: Input<boolean> }> } & Tags, o?: ResourceOptions); }
  }
  export namespace eks {
    class Cluster extends Res { readonly vpcConfig: Output<{ clusterSecurityGroupId: string; subnetIds: string[] }>; constructor(n: string, a: { name?: Input<string>; roleArn: Input<string>; vpcConfig: Input<{ subnetIds: Ids; securityGroupIds?: Ids }> } & Tags, o?: ResourceOptions); }
    class Addon extends Res { constructor(n: string, a: { clusterName: Input<string>; addonName: Input<string> } & Tags, o?: ResourceOptions); }
    class NodeGroup extends Res { constructor(n: string, a: { clusterName: Input<string>; nodeRoleArn: Input<string>; subnetIds: Input<Input<string>[]>; instanceTypes?: Input<Input<string>[]>; scalingConfig: Input<{ desiredSize: Input<number>; minSize: Input<number>; maxSize: Input<number> }> } & Tags, o?: ResourceOptions); }
    class PodIdentityAssociation extends Res { constructor(n: string, a: { clusterName: Input<string>; namespace: Input<string>; serviceAccount: Input<string>; roleArn: Input<string> } & Tags, o?: ResourceOptions); }
  }
  export namespace cloudformation {
    class Stack extends Res { constructor(n: string, a: { templateBody?: Input<string>; parameters?: Input<Record<string, Input<string>>> } & Tags, o?: ResourceOptions); }
  }
}
