/**
 * Scans the installed @pulumi/aws for resource types whose args carry a policy- or principal-bearing
 * property (a name containing "polic" or "principal", at the top level or one level into an input
 * object), and checks the pack's resource model (policypack/lib/model) against it:
 * - every such property is a row's property or an exclusion with a reason (excluded.ts);
 * - every row's type exists, and every property a row reads exists on its args or outputs;
 * - every exclusion still matches something (no stale entries).
 * Used by scripts/check-resource-model.ts (`npm run check:resource-model`) and its test.
 */
import * as fs from "fs";
import * as path from "path";

import { EXCLUDED } from "../policypack/lib/model/excluded";
import { RESOURCE_MODEL, ResourceTypeModel } from "../policypack/lib/model/resourceTypes";

/** A property name that may hold a policy or a principal. */
export const CANDIDATE = /polic|principal/i;

/** One resource type of the provider: its token, its args' properties (nested as `a.b`), its outputs. */
export interface ScannedType {
    readonly type: string;
    readonly args: readonly string[];
    readonly outputs: readonly string[];
}

/** A candidate property of a type. */
export interface Hit {
    readonly type: string;
    readonly prop: string;
}

/** What the check found. Empty lists: the model covers the provider. */
export interface ModelCheck {
    readonly scanned: number;
    readonly hits: readonly Hit[];
    readonly uncovered: readonly Hit[];
    readonly missingTypes: readonly string[];
    readonly missingProps: readonly Hit[];
    readonly staleExclusions: readonly string[];
}

/** The provider package's folder. */
export function awsPackageDir(from: string = path.join(__dirname, "..")): string {
    return path.dirname(require.resolve("@pulumi/aws/package.json", { paths: [from] }));
}

/** Reads every resource type of the provider at `dir`. */
export function scanProvider(dir: string): ScannedType[] {
    const inputs = inputInterfaces(fs.readFileSync(path.join(dir, "types", "input.d.ts"), "utf8"));
    const out: ScannedType[] = [];
    const walk = (d: string): void => {
        for (const e of fs.readdirSync(d, { withFileTypes: true })) {
            const p = path.join(d, e.name);
            if (e.isDirectory()) {
                if (e.name !== "node_modules" && e.name !== "types") {
                    walk(p);
                }
            } else if (e.name.endsWith(".js")) {
                const token = /static __pulumiType = '([^']+)'/.exec(fs.readFileSync(p, "utf8"));
                const dts = p.replace(/\.js$/, ".d.ts");
                if (token && fs.existsSync(dts)) {
                    out.push(typeOf(token[1], fs.readFileSync(dts, "utf8"), inputs));
                }
            }
        }
    };
    walk(dir);
    return out.sort((a, b) => a.type.localeCompare(b.type));
}

function typeOf(type: string, dts: string, inputs: Map<string, string[]>): ScannedType {
    const cls = type.slice(type.lastIndexOf(":") + 1);
    const args: string[] = [];
    for (const m of block(dts, `export interface ${cls}Args {`).matchAll(/^ {4}(?:readonly )?(\w+)\??: (.*)$/gm)) {
        args.push(m[1]);
        const nested = /inputs\.([\w.]+)\.(\w+)\b/.exec(m[2]);
        (nested ? inputs.get(`${nested[1]}.${nested[2]}`) ?? [] : []).forEach(n => args.push(`${m[1]}.${n}`));
    }
    const outputs = [...block(dts, `export declare class ${cls} extends`).matchAll(/^ {4}readonly (\w+)!?: pulumi\.Output/gm)].map(m => m[1]);
    return { type, args, outputs };
}

function block(text: string, start: string): string {
    const at = text.indexOf(start);
    if (at < 0) {
        return "";
    }
    const end = text.indexOf("\n}", at);
    return text.slice(at, end < 0 ? undefined : end);
}

/** `namespace.Interface` → its property names, from types/input.d.ts. */
function inputInterfaces(text: string): Map<string, string[]> {
    const out = new Map<string, string[]>();
    let ns = "";
    let current: string[] | undefined;
    for (const line of text.split("\n")) {
        const top = /^export declare namespace (\w+) \{/.exec(line);
        const sub = /^ {4}namespace (\w+) \{/.exec(line);
        const iface = /^ +interface (\w+) \{/.exec(line);
        const prop = /^ +(\w+)\??: /.exec(line);
        if (top || sub) {
            ns = top ? top[1] : `${ns.split(".")[0]}.${(sub as RegExpExecArray)[1]}`;
        } else if (iface) {
            current = [];
            out.set(`${ns}.${iface[1]}`, current);
        } else if (prop && current) {
            current.push(prop[1]);
        }
    }
    return out;
}

/** The properties a row reads (args or outputs), as `prop` or `prop.nested`. */
export function rowProps(m: ResourceTypeModel): string[] {
    const out = new Set<string>();
    for (const d of m.documents ?? []) {
        out.add(d.prop);
        if (d.nested || d.each) {
            out.add(`${d.prop}.${d.nested ?? d.each}`);
        }
        if (d.to && "prop" in d.to) {
            out.add(d.to.prop);
        }
    }
    for (const a of m.attachments ?? []) {
        out.add(a.arns);
        if ("prop" in a.to) {
            out.add(a.to.prop);
        }
    }
    if (m.membership) {
        out.add(m.membership.users).add(m.membership.groups);
    }
    for (const p of m.grant?.principals ?? []) {
        out.add(p.prop);
        if ("prop" in p.actions) {
            out.add(p.actions.prop);
        }
    }
    (m.grant?.conditions ?? []).forEach(c => out.add(c.nestedValue ? `${c.prop}.${c.nestedValue}` : c.prop));
    m.arnFields.forEach(f => out.add(f.prop));
    return [...out];
}

/** Checks the model against scanned types. */
export function checkModel(types: readonly ScannedType[], model: readonly ResourceTypeModel[] = RESOURCE_MODEL, excluded = EXCLUDED): ModelCheck {
    const byType = new Map(types.map(t => [t.type, t]));
    const hits = types.flatMap(t => t.args.filter(p => CANDIDATE.test(p.slice(p.lastIndexOf(".") + 1))).map(prop => ({ type: t.type, prop })));
    const rows = new Map(model.map(m => [m.type, new Set(rowProps(m))]));
    const used = new Set<number>();
    const isExcluded = (h: Hit): boolean => {
        const leaf = h.prop.slice(h.prop.lastIndexOf(".") + 1);
        let found = false;
        excluded.forEach((e, i) => {
            if ((!e.types || e.types.includes(h.type)) && (!e.properties || e.properties.includes(leaf) || e.properties.includes(h.prop))) {
                used.add(i);
                found = true;
            }
        });
        return found;
    };
    const uncovered = hits.filter(h => !rows.get(h.type)?.has(h.prop) && !isExcluded(h));
    const missingTypes = model.filter(m => !byType.has(m.type)).map(m => m.type);
    const missingProps = model.flatMap(m => {
        const t = byType.get(m.type);
        return t ? rowProps(m).filter(p => !t.args.includes(p) && !t.outputs.includes(p)).map(prop => ({ type: m.type, prop })) : [];
    });
    const staleExclusions = excluded.filter((_, i) => !used.has(i)).map(e => `${(e.types ?? ["any type"]).join(", ")}: ${(e.properties ?? ["any property"]).join(", ")}`);
    return { scanned: types.length, hits, uncovered, missingTypes, missingProps, staleExclusions };
}
