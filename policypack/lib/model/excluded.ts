/**
 * Policy- and principal-bearing properties of @pulumi/aws that the resource model deliberately does
 * not read, each with the reason. scripts/resource-model-scan.ts fails on a candidate property (a
 * name containing "polic" or "principal") that is neither a row's (resourceTypes.ts) nor excluded
 * here, and on an exclusion that matches nothing, so a provider upgrade is looked at before it passes.
 */

/** An exclusion: properties (by leaf name or `a.b` path) of some types (or of any type), and why. */
export interface Exclusion {
    readonly types?: readonly string[];
    readonly properties?: readonly string[];
    readonly reason: string;
}

/** Every exclusion. */
export const EXCLUDED: readonly Exclusion[] = [
    {
        properties: [
            "bypassPolicyLockoutSafetyCheck", "bypassPolicyLockoutCheck", "blockPublicPolicy", "forceDetachPolicies", "delayAfterPolicyCreationInMs",
            "allowExternalPrincipals", "createBasePolicy", "deleteAllPolicyResources", "policyName", "policyNames", "policyRevision", "policyRevisionId",
            "policyType", "policyTypeName", "policyAttributes", "policyId", "policyStoreId", "policyRule", "policyRuleNumber", "policyDetails",
            "policyLanguage", "policyEngineId", "policyEngineConfiguration", "policyReferenceName", "policyRuntime", "policyText", "policyBody",
            "policyUrl", "policyOption", "policyVariables", "policyPeriodInMinutes", "policyDurationSeconds", "enabledPolicyTypes",
            "basePolicyRegions", "principalType", "thingPrincipalType", "principalEntityType",
        ],
        reason: "a flag, a label, an ID or a type about a policy or principal: it holds no document and names no principal",
    },
    {
        properties: [
            "alpnPolicy", "sslPolicy", "securityPolicy", "tlsSecurityPolicy", "tlsPolicy", "httpsPolicy", "securityPolicyName",
            "routingHttpResponseContentSecurityPolicyHeaderValue", "contentSecurityPolicy", "referrerPolicy", "dnsRecordClientRoutingPolicy",
            "routingPolicy", "routingPolicyLabel", "cidrRoutingPolicy", "failoverRoutingPolicies", "geolocationRoutingPolicies",
            "geoproximityRoutingPolicy", "latencyRoutingPolicies", "multivalueAnswerRoutingPolicy", "weightedRoutingPolicies", "trafficPolicyId",
            "trafficPolicyVersion", "trafficPolicyInstanceId", "viewerProtocolPolicy", "originProtocolPolicy", "protocolPolicy", "cachePolicyId",
            "originRequestPolicyId", "responseHeadersPolicyId", "continuousDeploymentPolicyId", "firewallPolicy", "firewallPolicyArn",
            "firewallPolicyChangeProtection", "transitGatewayPolicyTableId", "transitGatewayMeteringPolicyId", "webAppEndpointPolicy", "browserPolicy",
        ],
        reason: "network, TLS, DNS, CDN or firewall behaviour, not an IAM document",
    },
    {
        properties: [
            "predictiveScalingPolicyConfiguration", "stepScalingPolicyConfiguration", "targetTrackingScalingPolicyConfiguration", "scalingPolicies",
            "scalingPolicyUpdateBehavior", "autoscalingPolicy", "autoScalingPolicy", "instanceLifecyclePolicy", "instanceMaintenancePolicy",
            "mixedInstancesPolicy", "terminationPolicies", "instanceReusePolicy", "excessCapacityTerminationPolicy", "updatePolicy", "upgradePolicy",
            "blueGreenUpdatePolicy", "rollingUpdatePolicy", "deletePropagationPolicy", "idlePolicy", "autoTerminationPolicy", "lifecyclePolicy",
            "lifecyclePolicies", "retentionPolicy", "dataDeletionPolicy", "snapshotPolicy", "tieringPolicy", "backupPolicy", "pitPolicies",
            "defaultPolicy", "autoImportPolicy", "autoExportPolicy", "archivePolicy", "deliveryPolicy", "filterPolicy", "filterPolicyScope",
            "redrivePolicy", "redriveAllowPolicy", "replayPolicy", "retryPolicy", "restartPolicy", "notificationPolicy", "recrawlPolicy",
            "schemaChangePolicy", "fairSharePolicy", "schedulingPolicyArn", "newGameSessionProtectionPolicy", "resourceCreationLimitPolicy",
            "gameServerProtectionPolicy", "playerLatencyPolicies", "paddingPolicy", "sizingPolicy", "passwordPolicy", "signInPolicy",
            "userContextPolicy", "enterprisePolicies", "pullRequestBuildPolicy", "contentPolicyConfig", "contextualGroundingPolicyConfig",
            "sensitiveInformationPolicyConfig", "topicPolicyConfig", "wordPolicyConfig", "permissionPolicy", "customPolicyDetails",
            "securityServicePolicyData", "configurationPolicy", "lfTagPolicy", "lfTagPolicies", "policyStatements",
        ],
        reason: "service behaviour (scaling, lifecycle, retention, delivery, retries, guardrails, rule engines), not an IAM document",
    },
    {
        properties: ["sessionPolicy", "sessionPolicyArn", "guardrailPolicyArns"],
        reason: "a session policy or guardrail: it narrows a role's session and grants nothing (IAM User Guide, 'Session policies')",
    },
    {
        types: ["aws:transfer/user:User", "aws:transfer/access:Access", "aws:eks/podIdentityAssociation:PodIdentityAssociation", "aws:rolesanywhere/profile:Profile"],
        properties: ["policy", "managedPolicyArns"],
        reason: "a session policy of a role's session (Transfer scope-down, EKS Pod Identity, Roles Anywhere): it narrows the role and grants nothing",
    },
    {
        types: ["aws:ec2/vpcEndpoint:VpcEndpoint", "aws:ec2/vpcEndpointPolicy:VpcEndpointPolicy", "aws:odb/network:Network"],
        properties: ["policy", "kmsPolicyDocument", "s3PolicyDocument", "stsPolicyDocument"],
        reason: "an endpoint policy only limits requests through the endpoint; it grants nothing (AWS PrivateLink Guide, 'Control access to VPC endpoints using endpoint policies')",
    },
    {
        types: [
            "aws:iot/policy:Policy", "aws:iot/policyAttachment:PolicyAttachment", "aws:opensearch/serverlessLifecyclePolicy:ServerlessLifecyclePolicy",
            "aws:opensearch/serverlessSecurityPolicy:ServerlessSecurityPolicy", "aws:verifiedaccess/endpoint:Endpoint", "aws:verifiedaccess/group:Group",
            "aws:networkmanager/coreNetwork:CoreNetwork", "aws:networkmanager/coreNetworkPolicyAttachment:CoreNetworkPolicyAttachment",
            "aws:cloudwatch/logAccountPolicy:LogAccountPolicy", "aws:cloudwatch/logDataProtectionPolicy:LogDataProtectionPolicy",
            "aws:cloudwatch/logIndexPolicy:LogIndexPolicy", "aws:sns/dataProtectionPolicy:DataProtectionPolicy", "aws:ecr/lifecyclePolicy:LifecyclePolicy",
            "aws:resiliencehub/resiliencyPolicy:ResiliencyPolicy", "aws:resiliencehub/v2Service:V2Service", "aws:resiliencehub/v2UserJourney:V2UserJourney",
            "aws:ses/receiptFilter:ReceiptFilter", "aws:ram/permission:Permission", "aws:lambda/codeSigningConfig:CodeSigningConfig",
            "aws:eks/accessPolicyAssociation:AccessPolicyAssociation",
        ],
        properties: ["policy", "policyDocument", "basePolicyDocument", "policyArn", "policyTemplate", "policies"],
        reason:
            "a document of another policy language (IoT Core, OpenSearch Serverless lifecycle and network, Verified Access Cedar, Cloud WAN, log and SNS data protection, ECR lifecycle, Resilience Hub, SES IP filters, EKS cluster access policies, code signing) or a RAM permission template that only narrows what a share's consumers may do",
    },
    {
        types: ["aws:opensearch/serverlessAccessPolicy:ServerlessAccessPolicy"],
        properties: ["policy"],
        reason: "an OpenSearch Serverless data-access policy: a principal it names also needs aoss:APIAccessAll in an IAM identity policy (a catalogue action the user rules judge)",
    },
    {
        types: [
            "aws:ssoadmin/accountAssignment:AccountAssignment", "aws:ssoadmin/applicationAssignment:ApplicationAssignment",
            "aws:ssoadmin/customerManagedPolicyAttachment:CustomerManagedPolicyAttachment",
            "aws:ssoadmin/customerManagedPolicyAttachmentsExclusive:CustomerManagedPolicyAttachmentsExclusive",
            "aws:ssoadmin/managedPolicyAttachment:ManagedPolicyAttachment", "aws:ssoadmin/managedPolicyAttachmentsExclusive:ManagedPolicyAttachmentsExclusive",
            "aws:ssoadmin/permissionsBoundaryAttachment:PermissionsBoundaryAttachment", "aws:ssoadmin/permissionSetInlinePolicy:PermissionSetInlinePolicy",
            "aws:accountaccess/entitlement:Entitlement",
        ],
        reason: "IAM Identity Center: permission sets and entitlements reach Identity Center users through role sessions; no IAM user's access key reaches them",
    },
    {
        types: [
            "aws:quicksight/analysis:Analysis", "aws:quicksight/dashboard:Dashboard", "aws:quicksight/dataSet:DataSet", "aws:quicksight/dataSource:DataSource",
            "aws:quicksight/folder:Folder", "aws:quicksight/template:Template", "aws:quicksight/theme:Theme", "aws:quicksight/iamPolicyAssignment:IamPolicyAssignment",
            "aws:lakeformation/dataLakeSettings:DataLakeSettings", "aws:lakeformation/optIn:OptIn", "aws:lakeformation/permissions:Permissions",
            "aws:glue/catalog:Catalog", "aws:glue/catalogDatabase:CatalogDatabase", "aws:datazone/policyGrant:PolicyGrant",
            "aws:servicecatalog/portfolioShare:PortfolioShare", "aws:servicecatalog/principalPortfolioAssociation:PrincipalPortfolioAssociation",
            "aws:ram/principalAssociation:PrincipalAssociation", "aws:ram/resourceShareAssociationsExclusive:ResourceShareAssociationsExclusive",
        ],
        reason:
            "a grant of another authorisation layer (QuickSight, Lake Formation, DataZone, Service Catalog, RAM): the principal still needs the service's actions in an IAM identity policy, which the user rules judge",
    },
    {
        types: [
            "aws:ec2/vpcEndpointService:VpcEndpointService", "aws:ec2/vpcEndpointServiceAllowedPrinciple:VpcEndpointServiceAllowedPrinciple",
            "aws:globalaccelerator/crossAccountAttachment:CrossAccountAttachment", "aws:licensemanager/licenseGrant:LicenseGrant",
            "aws:ecr/pullTimeUpdateExclusion:PullTimeUpdateExclusion", "aws:securitylake/subscriber:Subscriber",
        ],
        reason: "who may connect, attach, license or subscribe at the service level; the caller still needs an IAM identity Allow, which the user rules judge",
    },
    {
        types: [
            "aws:iot/thingPrincipalAttachment:ThingPrincipalAttachment", "aws:acmpca/permission:Permission", "aws:organizations/awsServiceAccess:AwsServiceAccess",
            "aws:organizations/delegatedAdministrator:DelegatedAdministrator", "aws:organizations/organization:Organization",
            "aws:cognito/identityPoolProviderPrincipalTag:IdentityPoolProviderPrincipalTag", "aws:datasync/locationHdfs:LocationHdfs", "aws:emr/cluster:Cluster",
            "aws:sns/platformApplication:PlatformApplication", "aws:bedrock/agentcoreGatewayRule:AgentcoreGatewayRule",
        ],
        properties: ["principal", "servicePrincipal", "awsServiceAccessPrincipals", "principalTags", "kerberosPrincipal", "crossRealmTrustPrincipalPassword", "platformPrincipal", "matchPrincipals"],
        reason: "a principal of another kind (an IoT certificate, an AWS service, a Kerberos or push-notification credential, a tag mapping) or a gateway's own match rule, not an IAM grant",
    },
    {
        types: ["aws:s3/bucketAcl:BucketAcl", "aws:s3/bucketAclV2:BucketAclV2"],
        properties: ["accessControlPolicy"],
        reason:
            "an S3 ACL: its grantees are accounts (canonical IDs, e-mail) or the AllUsers and AuthenticatedUsers groups, never an IAM user; new buckets disable ACLs (Object Ownership, bucket owner enforced)",
    },
];
