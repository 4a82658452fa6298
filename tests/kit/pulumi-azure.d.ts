// Minimal type declarations of @pulumi/azure for `tsc --noEmit` on the
// generated infra/index.ts of an Azure plan: the real package is not
// installed here (see tests/iac/run.sh). Classes, argument names and
// nesting follow the registry's API docs
// (https://www.pulumi.com/registry/packages/azure/api-docs/, 2026-12-07):
// @pulumi/azure is bridged from the azurerm Terraform provider, so the
// arguments are its own in camelCase, a repeated block a list (secrets,
// containers, envs, trafficWeights, geoLocations). A misspelt argument, a
// wrong type, an unknown class or a missing required argument listed here
// fails the check; an argument these declarations omit, or one they get
// wrong, is not seen.
declare module "@pulumi/azure" {
  import { Input, Output, ResourceOptions } from "@pulumi/pulumi";
  class Res { readonly id: Output<string>; readonly name: Output<string>; readonly urn: Output<string> }
  type S = Input<string>;
  type N = Input<number>;
  type B = Input<boolean>;
  type Rg = { resourceGroupName: S };
  type Loc = Rg & { location: S };
  type Identity = Input<{ type: Input<"SystemAssigned" | "UserAssigned" | "SystemAssigned, UserAssigned">; identityIds?: Input<S[]> }>;
  export namespace core {
    class ResourceGroup extends Res { readonly location: Output<string>; constructor(n: string, a: { name?: S; location: S }, o?: ResourceOptions); }
    function getClientConfigOutput(): Output<{ clientId: string; tenantId: string; subscriptionId: string; objectId: string }>;
    class ResourceGroupTemplateDeployment extends Res { constructor(n: string, a: Rg & { name?: S; deploymentMode: Input<"Incremental" | "Complete">; templateContent?: S; parametersContent?: S }, o?: ResourceOptions); }
  }
  export namespace authorization {
    class UserAssignedIdentity extends Res { readonly principalId: Output<string>; readonly clientId: Output<string>; readonly tenantId: Output<string>; constructor(n: string, a: Loc & { name?: S }, o?: ResourceOptions); }
    class Assignment extends Res { constructor(n: string, a: { scope: S; roleDefinitionId?: S; roleDefinitionName?: S; principalId: S; principalType?: Input<"User" | "Group" | "ServicePrincipal"> }, o?: ResourceOptions); }
  }
  export namespace postgresql {
    class FlexibleServer extends Res { readonly fqdn: Output<string>; constructor(n: string, a: Loc & { name?: S; version?: S; skuName?: S; storageMb?: N; createMode?: Input<"Default" | "GeoRestore" | "PointInTimeRestore" | "Replica" | "Update">; sourceServerId?: S;
      authentication?: Input<{ activeDirectoryAuthEnabled?: B; passwordAuthEnabled?: B; tenantId?: S }>; highAvailability?: Input<{ mode: Input<"ZoneRedundant" | "SameZone"> }> }, o?: ResourceOptions); }
  }
  export namespace cosmosdb {
    class Account extends Res { readonly endpoint: Output<string>; constructor(n: string, a: Loc & { name?: S; offerType: Input<"Standard">; kind?: Input<"GlobalDocumentDB" | "MongoDB" | "Parse">;
      consistencyPolicy: Input<{ consistencyLevel: Input<"BoundedStaleness" | "Eventual" | "Session" | "Strong" | "ConsistentPrefix"> }>;
      geoLocations: Input<Input<{ location: S; failoverPriority: N; zoneRedundant?: B }>[]>; capabilities?: Input<Input<{ name: S }>[]> }, o?: ResourceOptions); }
  }
  export namespace redis {
    class Cache extends Res { readonly hostname: Output<string>; constructor(n: string, a: Loc & { name?: S; capacity: N; family: Input<"C" | "P">; skuName: Input<"Basic" | "Standard" | "Premium">; minimumTlsVersion?: S; nonSslPortEnabled?: B }, o?: ResourceOptions); }
  }
  export namespace servicebus {
    class Namespace extends Res { constructor(n: string, a: Loc & { name?: S; sku: Input<"Basic" | "Standard" | "Premium"> }, o?: ResourceOptions); }
    class Queue extends Res { constructor(n: string, a: { name?: S; namespaceId: S; maxDeliveryCount?: N; lockDuration?: S; deadLetteringOnMessageExpiration?: B }, o?: ResourceOptions); }
  }
  export namespace eventhub {
    class EventHubNamespace extends Res { constructor(n: string, a: Loc & { name?: S; sku: Input<"Basic" | "Standard" | "Premium">; capacity?: N }, o?: ResourceOptions); }
    class EventHub extends Res { constructor(n: string, a: { name?: S; namespaceId?: S; partitionCount: N; messageRetention: N }, o?: ResourceOptions); }
  }
  export namespace webpubsub {
    class Service extends Res { constructor(n: string, a: Loc & { name?: S; sku: S; capacity?: N }, o?: ResourceOptions); }
  }
  export namespace storage {
    class Account extends Res { readonly primaryAccessKey: Output<string>; readonly primaryBlobEndpoint: Output<string>; constructor(n: string, a: Loc & { name?: S; accountTier: Input<"Standard" | "Premium">; accountReplicationType: Input<"LRS" | "GRS" | "RAGRS" | "ZRS" | "GZRS" | "RAGZRS">; minTlsVersion?: S; allowNestedItemsToBePublic?: B }, o?: ResourceOptions); }
    class Container extends Res { constructor(n: string, a: { name?: S; storageAccountId?: S; storageAccountName?: S; containerAccessType?: Input<"private" | "blob" | "container"> }, o?: ResourceOptions); }
  }
  export namespace cdn {
    class FrontdoorProfile extends Res { constructor(n: string, a: Rg & { name?: S; skuName: Input<"Standard_AzureFrontDoor" | "Premium_AzureFrontDoor"> }, o?: ResourceOptions); }
    class FrontdoorEndpoint extends Res { readonly hostName: Output<string>; constructor(n: string, a: { name?: S; cdnFrontdoorProfileId: S; enabled?: B }, o?: ResourceOptions); }
  }
  export namespace containerapp {
    class Environment extends Res { constructor(n: string, a: Loc & { name?: S; logAnalyticsWorkspaceId?: S }, o?: ResourceOptions); }
    type Env = { name: S; value?: S; secretName?: S };
    type Container = { name: S; image: S; cpu: N; memory: S; envs?: Input<Input<Env>[]> };
    class App extends Res { readonly latestRevisionFqdn: Output<string>; constructor(n: string, a: Rg & { name?: S; containerAppEnvironmentId: S; revisionMode: Input<"Single" | "Multiple">; identity?: Identity;
      secrets?: Input<Input<{ name: S; value?: S; identity?: S; keyVaultSecretId?: S }>[]>;
      ingress?: Input<{ externalEnabled?: B; targetPort: N; trafficWeights: Input<Input<{ percentage: N; latestRevision?: B; revisionSuffix?: S }>[]> }>;
      template: Input<{ minReplicas?: N; maxReplicas?: N; containers: Input<Input<Container>[]> }> }, o?: ResourceOptions); }
  }
  export namespace appservice {
    class ServicePlan extends Res { constructor(n: string, a: Loc & { name?: S; osType: Input<"Linux" | "Windows" | "WindowsContainer">; skuName: S; workerCount?: N }, o?: ResourceOptions); }
    type App = Loc & { name?: S; servicePlanId: S; identity?: Identity; appSettings?: Input<Record<string, S>>; siteConfig: Input<{ alwaysOn?: B }> };
    class LinuxFunctionApp extends Res { constructor(n: string, a: App & { storageAccountName?: S; storageAccountAccessKey?: S; storageUsesManagedIdentity?: B }, o?: ResourceOptions); }
    class LinuxWebApp extends Res { constructor(n: string, a: App, o?: ResourceOptions); }
  }
  export namespace containerservice {
    class KubernetesCluster extends Res { readonly oidcIssuerUrl: Output<string>; constructor(n: string, a: Loc & { name?: S; dnsPrefix?: S; oidcIssuerEnabled?: B; workloadIdentityEnabled?: B;
      defaultNodePool: Input<{ name: S; vmSize: S; autoScalingEnabled?: B; minCount?: N; maxCount?: N; nodeCount?: N; zones?: Input<S[]> }>; identity?: Input<{ type: Input<"SystemAssigned" | "UserAssigned">; identityIds?: Input<S[]> }> }, o?: ResourceOptions); }
  }
  export namespace armmsi {
    class FederatedIdentityCredential extends Res { constructor(n: string, a: Rg & { name?: S; parentId: S; audience: S; issuer: S; subject: S }, o?: ResourceOptions); }
  }
  export namespace monitoring {
    class Workspace extends Res { constructor(n: string, a: Loc & { name?: S }, o?: ResourceOptions); }
    class ActionGroup extends Res { constructor(n: string, a: Rg & { name?: S; shortName: S; location?: S }, o?: ResourceOptions); }
  }
}
