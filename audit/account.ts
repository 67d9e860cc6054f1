/**
 * An AWS account's IAM as `aws iam get-account-authorization-details` describes it, checked and
 * normalised: every document as JSON text, managed policies reduced to their default version.
 */

/** An inline policy: its name and document (JSON text). */
export interface InlinePolicy {
    readonly name: string;
    readonly document: string;
}

/** What every principal has. `where` names it in the input, for messages. */
export interface PrincipalEntity {
    readonly name: string;
    readonly arn: string;
    readonly path: string;
    readonly inline: readonly InlinePolicy[];
    /** ARNs of the attached managed policies (duplicates removed). */
    readonly attached: readonly string[];
    readonly where: string;
}

/** An IAM user. */
export interface UserEntity extends PrincipalEntity {
    readonly groups: readonly string[];
    /** The permissions boundary's policy ARN. */
    readonly boundary?: string;
    readonly tags: Readonly<Record<string, string>>;
}

/** An IAM group. */
export type GroupEntity = PrincipalEntity;

/** An IAM role. */
export interface RoleEntity extends PrincipalEntity {
    /** The trust policy (JSON text). */
    readonly trust: string;
    readonly boundary?: string;
    readonly tags: Readonly<Record<string, string>>;
}

/** A managed policy listed in the file (customer managed, or the account's copy of an AWS managed one). */
export interface ManagedPolicyEntity {
    readonly name: string;
    readonly arn: string;
    readonly path: string;
    /** The default version's document (JSON text); other versions are not read. */
    readonly document: string;
    readonly defaultVersion: string;
    readonly awsManaged: boolean;
    readonly where: string;
}

/** The account. */
export interface Account {
    /** The 12-digit account ID every ARN in the file names. */
    readonly id: string;
    readonly partition: string;
    readonly users: readonly UserEntity[];
    readonly groups: readonly GroupEntity[];
    readonly roles: readonly RoleEntity[];
    readonly policies: readonly ManagedPolicyEntity[];
    /** How many pages (files) were merged. */
    readonly pages: number;
}
