/**
 * Builds the gate's two generated invoke tables from the installed packages, and writes them:
 *
 *   npx ts-node --transpile-only scripts/invoke-tables.ts
 *
 * - gate/invokes/data/aws-functions.json: every function of @pulumi/aws (its invoke token) with the
 *   shape of its result, read from the package's `.d.ts` files: `s` string, `n` number, `b` boolean,
 *   `a` any, `[x]` a list of x, `{"*": x}` a map of x, an object of fields, `@name` a type of
 *   `types/output.d.ts` kept once under `types`. The gate answers look-ups with unknown markers in
 *   exactly this shape and checks `--invoke-results` answers against it.
 * - gate/invokes/data/partitions.json: the AWS partitions (DNS suffix, region pattern) and their
 *   regions with descriptions, from the endpoint data @aws-sdk/core ships.
 *
 * test/scripts/invoke-tables.test.ts fails when either file differs from what the installed
 * packages give, so an upgrade of @pulumi/aws is one run of this script.
 */
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";

import { FunctionTable, PartitionTable, Shape } from "../gate/invokes/data";

const ROOT = path.join(__dirname, "..");
const DATA = path.join(ROOT, "gate", "invokes", "data");

/** The function table of the installed @pulumi/aws. */
export function buildFunctionTable(): FunctionTable {
    const pkgDir = path.dirname(require.resolve("@pulumi/aws/package.json"));
    const functions: Record<string, Shape> = {};
    const wanted = new Set<string>();
    for (const js of jsFiles(pkgDir)) {
        const token = /runtime\.invoke(?:Single)?\("([^"]+)"/.exec(fs.readFileSync(js, "utf8"))?.[1];
        if (token) {
            functions[token] = resultShape(js.replace(/\.js$/, ".d.ts"), wanted);
        }
    }
    const outputs = outputTypes(path.join(pkgDir, "types", "output.d.ts"));
    const types: Record<string, Shape> = {};
    for (let pending = [...wanted]; pending.length > 0; ) {
        const name = pending.pop() as string;
        if (types[name] !== undefined) {
            continue;
        }
        const decl = outputs.get(name);
        if (!decl) {
            throw new Error(`@pulumi/aws: output type ${name} is referenced but not declared`);
        }
        const found = new Set<string>();
        types[name] = membersShape(decl.members, found);
        pending.push(...found);
    }
    const version = (JSON.parse(fs.readFileSync(path.join(pkgDir, "package.json"), "utf8")) as { version: string }).version;
    return { package: "@pulumi/aws", version, functions: sortKeys(functions), types: sortKeys(types) };
}

/** The partition table of the installed @aws-sdk/core (real regions only, no `*-global`). */
export function buildPartitionTable(): PartitionTable {
    const coreDir = path.dirname(require.resolve("@aws-sdk/core/package.json"));
    // The SDK's endpoint data, a JSON object literal: `export const partitionsInfo = {...};`.
    const text = fs.readFileSync(path.join(coreDir, "dist-es", "submodules", "client", "util-endpoints", "lib", "aws", "partitions.js"), "utf8");
    const json = /export const partitionsInfo = ([\s\S]*);\s*$/.exec(text)?.[1];
    if (json === undefined) {
        throw new Error("@aws-sdk/core no longer ships its partitions table where scripts/invoke-tables.ts reads it");
    }
    const info = JSON.parse(json) as {
        partitions: { id: string; outputs: { dnsSuffix: string }; regionRegex: string; regions: Record<string, { description?: string }> }[];
    };
    const version = (JSON.parse(fs.readFileSync(path.join(coreDir, "package.json"), "utf8")) as { version: string }).version;
    return {
        source: `@aws-sdk/core ${version}`,
        partitions: info.partitions.map(p => ({
            id: p.id,
            dnsSuffix: p.outputs.dnsSuffix,
            regionRegex: p.regionRegex,
            regions: Object.fromEntries(
                Object.entries(p.regions)
                    .filter(([id]) => !id.endsWith("-global"))
                    .map(([id, r]) => [id, r.description ?? id]),
            ),
        })),
    };
}

function jsFiles(dir: string): string[] {
    const out: string[] = [];
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) {
            if (entry.name !== "node_modules" && entry.name !== "types") {
                out.push(...jsFiles(full));
            }
        } else if (entry.name.endsWith(".js")) {
            out.push(full);
        }
    }
    return out.sort();
}

function resultShape(dts: string, wanted: Set<string>): Shape {
    const source = ts.createSourceFile(dts, fs.readFileSync(dts, "utf8"), ts.ScriptTarget.ES2022);
    const fn = source.statements.find((s): s is ts.FunctionDeclaration => ts.isFunctionDeclaration(s) && !s.name?.text.endsWith("Output"));
    const returned = fn?.type && ts.isTypeReferenceNode(fn.type) ? fn.type.typeArguments?.[0] : undefined;
    if (!returned) {
        throw new Error(`${dts}: no Promise-returning function`);
    }
    if (ts.isTypeReferenceNode(returned) && ts.isIdentifier(returned.typeName)) {
        const name = returned.typeName.text;
        const decl = source.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === name);
        if (decl) {
            return membersShape(decl.members, wanted);
        }
    }
    return typeShape(returned, wanted, dts);
}

function membersShape(members: ts.NodeArray<ts.TypeElement>, wanted: Set<string>): Shape {
    const out: Record<string, Shape> = {};
    for (const m of members) {
        if (ts.isPropertySignature(m) && m.type) {
            out[(m.name as ts.Identifier).text] = typeShape(m.type, wanted, (m.name as ts.Identifier).text);
        }
    }
    return out;
}

function typeShape(node: ts.TypeNode, wanted: Set<string>, where: string): Shape {
    switch (node.kind) {
        case ts.SyntaxKind.StringKeyword:
            return "s";
        case ts.SyntaxKind.NumberKeyword:
            return "n";
        case ts.SyntaxKind.BooleanKeyword:
            return "b";
        case ts.SyntaxKind.AnyKeyword:
        case ts.SyntaxKind.UnknownKeyword:
            return "a";
    }
    if (ts.isArrayTypeNode(node)) {
        return [typeShape(node.elementType, wanted, where)];
    }
    if (ts.isTypeLiteralNode(node) && node.members.length === 1 && ts.isIndexSignatureDeclaration(node.members[0]) && node.members[0].type) {
        return { "*": typeShape(node.members[0].type, wanted, where) };
    }
    if (ts.isTypeReferenceNode(node) && ts.isQualifiedName(node.typeName)) {
        const name = qualified(node.typeName);
        if (name.startsWith("outputs.")) {
            wanted.add(name.slice("outputs.".length));
            return `@${name.slice("outputs.".length)}`;
        }
    }
    if (ts.isUnionTypeNode(node)) {
        const defined = node.types.filter(t => t.kind !== ts.SyntaxKind.UndefinedKeyword);
        if (defined.length === 1) {
            return typeShape(defined[0], wanted, where);
        }
    }
    throw new Error(`@pulumi/aws: ${where} has a type the generator does not know (${ts.SyntaxKind[node.kind]})`);
}

function qualified(name: ts.EntityName): string {
    return ts.isIdentifier(name) ? name.text : `${qualified(name.left)}.${name.right.text}`;
}

function outputTypes(file: string): Map<string, ts.InterfaceDeclaration> {
    const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.ES2022);
    const out = new Map<string, ts.InterfaceDeclaration>();
    const visit = (statements: readonly ts.Statement[], prefix: string) => {
        for (const s of statements) {
            if (ts.isInterfaceDeclaration(s)) {
                out.set(prefix + s.name.text, s);
            } else if (ts.isModuleDeclaration(s) && s.body && ts.isModuleBlock(s.body)) {
                visit(s.body.statements, `${prefix}${(s.name as ts.Identifier).text}.`);
            }
        }
    };
    visit(source.statements, "");
    return out;
}

function sortKeys<T>(record: Record<string, T>): Record<string, T> {
    return Object.fromEntries(Object.entries(record).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** The two tables as the files hold them (one entry per line, so an upgrade reads as a small diff). */
export function renderTables(): { file: string; text: string }[] {
    return [
        { file: path.join(DATA, "aws-functions.json"), text: linePerEntry(buildFunctionTable()) },
        { file: path.join(DATA, "partitions.json"), text: JSON.stringify(buildPartitionTable(), null, 1) + "\n" },
    ];
}

function linePerEntry(table: FunctionTable): string {
    const block = (record: Record<string, Shape>) =>
        Object.entries(record)
            .map(([k, v]) => `  ${JSON.stringify(k)}: ${JSON.stringify(v)}`)
            .join(",\n");
    return `{"package": ${JSON.stringify(table.package)}, "version": ${JSON.stringify(table.version)},\n"functions": {\n${block(table.functions)}\n},\n"types": {\n${block(table.types)}\n}}\n`;
}

if (require.main === module) {
    fs.mkdirSync(DATA, { recursive: true });
    for (const { file, text } of renderTables()) {
        fs.writeFileSync(file, text);
        console.log(`wrote ${path.relative(ROOT, file)} (${text.length} bytes)`);
    }
}
