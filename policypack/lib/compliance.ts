/**
 * The compliance controls the rules map to, one row per control: the framework, the control's ID
 * and title as the framework words them, and where to read it. A rule maps to a control only when
 * the rule checks what the control checks (its doc page gives the reason); controls that are close
 * but not the same are listed as related, with what differs.
 *
 * Sources: AWS Security Hub user guide, "Security Hub controls for IAM" and "… for DynamoDB"
 * (control texts read from docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html and
 * dynamodb-controls.html); CIS Amazon Web Services Foundations Benchmark v3.0.0, as Security Hub's
 * CIS v3.0.0 standard lists it.
 */

/** The frameworks. */
export const FRAMEWORKS = {
    "aws-fsbp": {
        name: "AWS Foundational Security Best Practices",
        version: "v1.0.0",
        url: "https://docs.aws.amazon.com/securityhub/latest/userguide/fsbp-standard.html",
    },
    "cis-aws": {
        name: "CIS AWS Foundations Benchmark",
        version: "v3.0.0",
        url: "https://docs.aws.amazon.com/securityhub/latest/userguide/cis-aws-foundations-benchmark.html",
    },
} as const;

/** A framework's key. */
export type FrameworkKey = keyof typeof FRAMEWORKS;

/** One control of a framework. */
export interface Control {
    readonly framework: FrameworkKey;
    /** The control's ID within its framework (`IAM.2`, `1.15`). */
    readonly id: string;
    /** Its title, as the framework words it. */
    readonly title: string;
    readonly url: string;
}

const IAM_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/iam-controls.html";
const DYNAMODB_CONTROLS = "https://docs.aws.amazon.com/securityhub/latest/userguide/dynamodb-controls.html";

/** Every control a rule maps or relates to, by `<framework>:<id>`. */
export const CONTROLS = {
    "aws-fsbp:DynamoDB.2": { framework: "aws-fsbp", id: "DynamoDB.2", title: "DynamoDB tables should have point-in-time recovery enabled", url: `${DYNAMODB_CONTROLS}#dynamodb-2` },
    "aws-fsbp:DynamoDB.6": { framework: "aws-fsbp", id: "DynamoDB.6", title: "DynamoDB tables should have deletion protection enabled", url: `${DYNAMODB_CONTROLS}#dynamodb-6` },
    "aws-fsbp:IAM.1": { framework: "aws-fsbp", id: "IAM.1", title: 'IAM policies should not allow full "*" administrative privileges', url: `${IAM_CONTROLS}#iam-1` },
    "aws-fsbp:IAM.2": { framework: "aws-fsbp", id: "IAM.2", title: "IAM users should not have IAM policies attached", url: `${IAM_CONTROLS}#iam-2` },
    "aws-fsbp:IAM.21": {
        framework: "aws-fsbp",
        id: "IAM.21",
        title: "IAM customer managed policies that you create should not allow wildcard actions for services",
        url: `${IAM_CONTROLS}#iam-21`,
    },
    "cis-aws:1.15": { framework: "cis-aws", id: "1.15", title: "Ensure IAM Users Receive Permissions Only Through Groups", url: `${IAM_CONTROLS}#iam-2` },
    "cis-aws:1.16": { framework: "cis-aws", id: "1.16", title: 'Ensure IAM policies that allow full "*:*" administrative privileges are not attached', url: `${IAM_CONTROLS}#iam-1` },
} as const satisfies Record<string, Control>;

/** A control's key. */
export type ControlKey = keyof typeof CONTROLS;

/** A control the rule checks: the same check, on the resources the rule judges. */
export interface ComplianceMapping {
    readonly control: ControlKey;
    /** Why the rule checks what the control checks. */
    readonly why: string;
    /** The setting under which it does, when not by default. */
    readonly when?: string;
}

/** A control close to the rule that it does not check, and what differs. */
export interface RelatedControl {
    readonly control: ControlKey;
    readonly whyNot: string;
}

/** How a control is tagged on a policy and in SARIF: `aws-fsbp/IAM.2`. */
export function controlTag(key: ControlKey): string {
    const c: Control = CONTROLS[key];
    return `${c.framework}/${c.id}`;
}
