/** The provider's own test steps as data (test/fixtures/invokes/terraform-policy-document.json). */
import * as fs from "fs";
import * as path from "path";

import { getPolicyDocument } from "../../../../gate/invokes/policyDocument";
import { REPO_ROOT } from "../../../support/mocked";

/** One step: its arguments and what the provider's test expects. */
export interface TerraformCase {
    readonly name: string;
    readonly test: string;
    readonly args: Record<string, unknown>;
    /** Exact `json`, line by line. */
    readonly json?: string[];
    readonly minifiedJson?: string;
    readonly equivalentJson?: unknown;
    /** The step's json must be that of this document. */
    readonly sameJsonAs?: string;
    /** The gate's full reason, and the provider test's pattern it must match. */
    readonly error?: string;
    readonly terraformError?: string;
}

/** The fixture: shared documents and the steps. */
export const FIXTURE = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "test", "fixtures", "invokes", "terraform-policy-document.json"), "utf8")) as {
    readonly documents: Record<string, Record<string, unknown>>;
    readonly cases: readonly TerraformCase[];
};

/** `value` with every `{"$json": name}` replaced by the json of document `name`, as Terraform interpolates it. */
export function resolve(value: unknown): unknown {
    if (Array.isArray(value)) {
        return value.map(resolve);
    }
    if (typeof value === "object" && value !== null) {
        const ref = (value as { $json?: string }).$json;
        if (ref !== undefined) {
            return getPolicyDocument(resolve(FIXTURE.documents[ref]) as Record<string, unknown>).json;
        }
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]));
    }
    return value;
}

/** The resolved arguments of the step named `name`. */
export function caseArgs(name: string): Record<string, unknown> {
    const found = FIXTURE.cases.find(c => c.name === name);
    if (!found) {
        throw new Error(`no Terraform case named ${name}`);
    }
    return resolve(found.args) as Record<string, unknown>;
}
