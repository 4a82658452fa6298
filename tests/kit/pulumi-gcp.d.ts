// Minimal type declarations of @pulumi/gcp for `tsc --noEmit` on the
// generated infra/index.ts of a Google Cloud plan: the real package is not
// installed here (its published size is not given by `npm view`; see
// tests/iac/run.sh). Classes, argument names and nesting follow the
// registry's API docs (https://www.pulumi.com/registry/packages/gcp/api-docs/,
// 2026-12-07): @pulumi/gcp is bridged from the google Terraform provider,
// so the arguments are its own in camelCase, a repeated block a list
// (containers, envs, backends). A misspelt argument, a wrong type, an
// unknown class or a missing required argument listed here fails the
// check; an argument these declarations omit, or one they get wrong, is
// not seen.
declare module "@pulumi/gcp" {
  import { Input, Output, ResourceOptions } from "@pulumi/pulumi";
  class Res { readonly id: Output<string>; readonly name: Output<string>; readonly urn: Output<string> }
  type S = Input<string>;
  type N = Input<number>;
  type B = Input<boolean>;
  type Member = { role: S; member: S; condition?: Input<{ title: S; expression: S; description?: S }> };
  export namespace serviceaccount {
    class Account extends Res { readonly email: Output<string>; constructor(n: string, a: { accountId: S; displayName?: S; description?: S; project?: S }, o?: ResourceOptions); }
    class IAMMember extends Res { constructor(n: string, a: { serviceAccountId: S } & Member, o?: ResourceOptions); }
  }
  export namespace secretmanager {
    class Secret extends Res { readonly secretId: Output<string>; constructor(n: string, a: { secretId: S; replication: Input<{ auto?: Input<{}>; userManaged?: Input<{ replicas: Input<{ location: S }[]> }> }>; labels?: Input<Record<string, S>> }, o?: ResourceOptions); }
    class SecretVersion extends Res { constructor(n: string, a: { secret: S; secretData?: S; enabled?: B }, o?: ResourceOptions); }
    class SecretIamMember extends Res { constructor(n: string, a: { secretId: S; project?: S } & Member, o?: ResourceOptions); }
  }
  export namespace projects {
    class IAMMember extends Res { constructor(n: string, a: { project: S } & Member, o?: ResourceOptions); }
  }
  export namespace storage {
    class Bucket extends Res { readonly url: Output<string>; constructor(n: string, a: { name?: S; location: S; uniformBucketLevelAccess?: B; publicAccessPrevention?: Input<"enforced" | "inherited">; forceDestroy?: B; project?: S }, o?: ResourceOptions); }
    class BucketIAMMember extends Res { constructor(n: string, a: { bucket: S } & Member, o?: ResourceOptions); }
  }
  export namespace sql {
    type Settings = {
      tier: S; availabilityType?: Input<"ZONAL" | "REGIONAL">; diskAutoresize?: B; diskSize?: N;
      databaseFlags?: Input<Input<{ name: S; value: S }>[]>;
      ipConfiguration?: Input<{ ipv4Enabled?: B; sslMode?: Input<"ALLOW_UNENCRYPTED_AND_ENCRYPTED" | "ENCRYPTED_ONLY" | "TRUSTED_CLIENT_CERTIFICATE_REQUIRED">; privateNetwork?: S }>;
      backupConfiguration?: Input<{ enabled?: B; pointInTimeRecoveryEnabled?: B; startTime?: S }>;
    };
    class DatabaseInstance extends Res { readonly connectionName: Output<string>; constructor(n: string, a: { name?: S; databaseVersion: S; region?: S; deletionProtection?: B; masterInstanceName?: S; settings?: Input<Settings> }, o?: ResourceOptions); }
    class User extends Res { constructor(n: string, a: { name?: S; instance: S; type?: Input<"BUILT_IN" | "CLOUD_IAM_USER" | "CLOUD_IAM_SERVICE_ACCOUNT" | "CLOUD_IAM_GROUP">; password?: S }, o?: ResourceOptions); }
  }
  export namespace redis {
    class Instance extends Res { readonly host: Output<string>; constructor(n: string, a: { name?: S; memorySizeGb: N; tier?: Input<"BASIC" | "STANDARD_HA">; region?: S; authEnabled?: B; transitEncryptionMode?: Input<"SERVER_AUTHENTICATION" | "DISABLED">; replicaCount?: N }, o?: ResourceOptions); }
  }
  export namespace firestore {
    class Database extends Res { constructor(n: string, a: { name?: S; locationId: S; type: Input<"FIRESTORE_NATIVE" | "DATASTORE_MODE">; project?: S }, o?: ResourceOptions); }
  }
  export namespace bigtable {
    class Instance extends Res { constructor(n: string, a: { name?: S; deletionProtection?: B; clusters?: Input<Input<{ clusterId: S; zone?: S; numNodes?: N; storageType?: Input<"SSD" | "HDD"> }>[]> }, o?: ResourceOptions); }
    class InstanceIamMember extends Res { constructor(n: string, a: { instance: S } & Member, o?: ResourceOptions); }
  }
  export namespace bigquery {
    class Dataset extends Res { readonly datasetId: Output<string>; constructor(n: string, a: { datasetId: S; location?: S }, o?: ResourceOptions); }
    class DatasetIamMember extends Res { constructor(n: string, a: { datasetId: S } & Member, o?: ResourceOptions); }
  }
  export namespace identityplatform {
    class Config extends Res { constructor(n: string, a: { project?: S; signIn?: Input<{ email?: Input<{ enabled: B; passwordRequired?: B }>; allowDuplicateEmails?: B }> }, o?: ResourceOptions); }
  }
  export namespace pubsub {
    class Topic extends Res { constructor(n: string, a: { name?: S; messageRetentionDuration?: S }, o?: ResourceOptions); }
    class Subscription extends Res { constructor(n: string, a: { name?: S; topic: S; ackDeadlineSeconds?: N; deadLetterPolicy?: Input<{ deadLetterTopic?: S; maxDeliveryAttempts?: N }>; retryPolicy?: Input<{ minimumBackoff?: S; maximumBackoff?: S }> }, o?: ResourceOptions); }
    class TopicIAMMember extends Res { constructor(n: string, a: { topic: S } & Member, o?: ResourceOptions); }
    class SubscriptionIAMMember extends Res { constructor(n: string, a: { subscription: S } & Member, o?: ResourceOptions); }
  }
  export namespace cloudrunv2 {
    type Env = { name: S; value?: S; valueSource?: Input<{ secretKeyRef?: Input<{ secret: S; version?: S }> }> };
    type Container = { image: S; name?: S; resources?: Input<{ limits?: Input<Record<string, S>> }>; envs?: Input<Input<Env>[]>; ports?: Input<{ containerPort?: N }> };
    class Service extends Res { readonly uri: Output<string>; constructor(n: string, a: { name?: S; location: S; deletionProtection?: B; ingress?: Input<"INGRESS_TRAFFIC_ALL" | "INGRESS_TRAFFIC_INTERNAL_ONLY" | "INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER">; template: Input<{ serviceAccount?: S; scaling?: Input<{ minInstanceCount?: N; maxInstanceCount?: N }>; containers?: Input<Input<Container>[]> }> }, o?: ResourceOptions); }
  }
  export namespace cloudfunctionsv2 {
    class Function extends Res { constructor(n: string, a: { name?: S; location: S;
      buildConfig?: Input<{ runtime?: S; entryPoint?: S; source?: Input<{ storageSource?: Input<{ bucket?: S; object?: S }> }> }>;
      serviceConfig?: Input<{ availableMemory?: S; timeoutSeconds?: N; maxInstanceCount?: N; minInstanceCount?: N; serviceAccountEmail?: S;
        environmentVariables?: Input<Record<string, S>>;
        secretEnvironmentVariables?: Input<Input<{ key: S; projectId: S; secret: S; version: S }>[]> }> }, o?: ResourceOptions); }
  }
  export namespace container {
    class Cluster extends Res { readonly endpoint: Output<string>; constructor(n: string, a: { name?: S; location?: S; enableAutopilot?: B; deletionProtection?: B; initialNodeCount?: N }, o?: ResourceOptions); }
  }
  export namespace compute {
    class GlobalAddress extends Res { readonly address: Output<string>; constructor(n: string, a: { name?: S }, o?: ResourceOptions); }
    class ManagedSslCertificate extends Res { constructor(n: string, a: { name?: S; managed?: Input<{ domains: Input<S[]> }> }, o?: ResourceOptions); }
    class RegionNetworkEndpointGroup extends Res { constructor(n: string, a: { name?: S; region: S; networkEndpointType?: Input<"SERVERLESS" | "PRIVATE_SERVICE_CONNECT" | "GCE_VM_IP_PORTMAP">; cloudRun?: Input<{ service?: S; tag?: S }>; cloudFunction?: Input<{ function?: S }> }, o?: ResourceOptions); }
    class BackendService extends Res { constructor(n: string, a: { name?: S; protocol?: Input<"HTTP" | "HTTPS" | "HTTP2" | "TCP" | "SSL" | "GRPC" | "UNSPECIFIED">; loadBalancingScheme?: Input<"EXTERNAL" | "INTERNAL_SELF_MANAGED" | "INTERNAL_MANAGED" | "EXTERNAL_MANAGED">; enableCdn?: B; backends?: Input<Input<{ group: S }>[]> }, o?: ResourceOptions); }
    class BackendBucket extends Res { constructor(n: string, a: { name?: S; bucketName: S; enableCdn?: B }, o?: ResourceOptions); }
    class URLMap extends Res { constructor(n: string, a: { name?: S; defaultService?: S }, o?: ResourceOptions); }
    class TargetHttpsProxy extends Res { constructor(n: string, a: { name?: S; urlMap: S; sslCertificates?: Input<S[]> }, o?: ResourceOptions); }
    class GlobalForwardingRule extends Res { constructor(n: string, a: { name?: S; target: S; ipAddress?: S; portRange?: S; loadBalancingScheme?: Input<"EXTERNAL" | "EXTERNAL_MANAGED" | "INTERNAL_SELF_MANAGED"> }, o?: ResourceOptions); }
  }
  export namespace monitoring {
    class AlertPolicy extends Res { constructor(n: string, a: { displayName: S; combiner: S; severity?: S; enabled?: B; userLabels?: Input<Record<string, S>>;
      documentation?: Input<{ content?: S; mimeType?: S }>;
      conditions: Input<Input<{ displayName: S; conditionPrometheusQueryLanguage?: Input<{ query: S; duration?: S; evaluationInterval?: S; alertRule?: S }> }>[]> }, o?: ResourceOptions); }
  }
}
