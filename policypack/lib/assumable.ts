/**
 * The roles a user can assume: what a leaked access key reaches in one hop. A role of the stack is
 * user-assumable when an Allow statement of its trust policy lets a caller use `sts:AssumeRole`
 * (the one assume action a user's key signs) and admits, whatever its conditions:
 * - an IAM user, by ARN (of any account, whether or not the stack defines the user);
 * - an account (its root or its ID): any user of that account whose identity policy allows it;
 * - `*` or `NotPrincipal`: any user anywhere;
 * - an AWS principal entry the pack cannot classify (a unique ID such as `AIDA…` may be a user's).
 * Conditions narrow *when* a user gets in, not *whether* one can: a key leaked from inside the office
 * network still reaches a role trusted from there. A role trusted only by roles, services or
 * identity providers is not reached by a user's key in one hop. A trust that cannot be parsed may
 * admit anyone, so its role counts as user-assumable; one unknown during preview is reported.
 */
import { summarise } from "./actions";
import { readDocument, StackGraph } from "./graph";
import { PrincipalNode } from "./nodes";
import { Judge, RuleResource } from "./rule";
import { UnknownValueErrorLike } from "./runtime";
import { TRUST_PROP } from "./model/resourceTypes";
import { assumeStatements, ROLE_TYPE } from "./trust";

/** A stack role a user can assume, and who (for messages: `IAM user 'arn:…:user/app-user'`). */
export interface AssumableRole {
    readonly node: PrincipalNode;
    readonly resource: RuleResource;
    /** Who may assume it: `arn:aws:iam::…:user/app-user`, `any user of account 210987654321`, `any principal ("*")`. */
    readonly admits: readonly string[];
}

/** Who a trust policy lets assume the role through sts:AssumeRole, as users; empty when no user can. */
export function userAdmissions(trust: RuleResource): { admits: string[] } | { error: UnknownValueErrorLike } {
    const src = readDocument(trust, TRUST_PROP);
    if (src.kind === "unknown") {
        return { error: src.error };
    }
    if (src.kind !== "parsed" || !src.parsed.ok) {
        return { admits: ["whoever its unreadable trust policy admits"] };
    }
    const admits = new Set<string>();
    for (const a of assumeStatements(src.parsed.document)) {
        // `NotPrincipal` lists whom it excludes: it admits anyone else.
        for (const p of a.principals.anyone ? [{ kind: "any" as const, raw: "*" }] : a.principals.aws) {
            if (p.kind === "user") {
                admits.add(p.raw);
            } else if (p.kind === "account") {
                admits.add(`any user of account ${p.account}`);
            } else if (p.kind === "any") {
                admits.add('any principal ("*")');
            } else if (p.kind === "other") {
                admits.add(`principal ${JSON.stringify(p.raw)}`);
            }
        }
    }
    return { admits: [...admits] };
}

/** The stack's roles a user can assume, in the order the graph met them. Unknown trusts are reported to `judge`. */
export function userAssumableRoles(graph: StackGraph, judge: Judge): AssumableRole[] {
    const out: AssumableRole[] = [];
    for (const node of graph.nodes.principals("role")) {
        const r = node.resource;
        if (!r || r.type !== ROLE_TYPE) {
            continue;
        }
        judge.each(r, () => {
            const found = userAdmissions(r);
            if ("error" in found) {
                judge.unknown(r, found.error);
                return;
            }
            if (found.admits.length > 0) {
                out.push({ node, resource: r, admits: found.admits });
            }
        });
    }
    return out;
}

/** `Role 'app-role', which arn:aws:iam::…:user/app-user can assume`: how messages introduce a role. */
export function assumableLabel(role: AssumableRole): string {
    return `Role '${role.node.name}', which ${summarise(role.admits, 2)} can assume,`;
}
