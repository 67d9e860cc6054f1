/**
 * Pack folders E1 serves besides this pack, written to a temporary directory at bench time (nothing
 * of awsguard is committed), each with a `node_modules` link to this checkout's, so that
 * `@pulumi/pulumi/cmd/run-policy-pack`, @pulumi/policy and @pulumi/awsguard resolve from the folder
 * to the same copies this pack uses:
 * - awsguard's full set with its defaults, as its README shows (`new AwsGuard()`);
 * - a pack of stack policies that do nothing: what the runtime alone costs a pack with that many.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** A pack folder and how to remove it. */
export interface PackDir {
    readonly dir: string;
    readonly dispose: () => void;
}

function packDir(root: string, name: string, version: string, main: string): PackDir {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `assume-guard-bench-${name}-`));
    fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify({ name: `bench-${name}`, version, private: true, main: "index.js" }, null, 2)}\n`);
    fs.writeFileSync(path.join(dir, "PulumiPolicy.yaml"), `runtime: nodejs\ndescription: ${name}, for the E1 benchmark.\n`);
    fs.writeFileSync(path.join(dir, "index.js"), `"use strict";\n${main}`);
    fs.symlinkSync(path.join(root, "node_modules"), path.join(dir, "node_modules"), "dir");
    return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** awsguard's full set, served as its README shows. */
export function awsguardPackDir(root: string): PackDir {
    const version = (JSON.parse(fs.readFileSync(require.resolve("@pulumi/awsguard/package.json", { paths: [root] }), "utf8")) as { version: string }).version.replace(/^v/, "");
    return packDir(root, "awsguard", version, 'const { AwsGuard } = require("@pulumi/awsguard");\n\nnew AwsGuard();\n');
}

/** A pack of `count` mandatory stack policies whose validation returns at once. */
export function noopPackDir(root: string, count: number): PackDir {
    const main = [
        'const { PolicyPack } = require("@pulumi/policy");',
        "",
        "const policies = [];",
        `for (let i = 0; i < ${count}; i++) {`,
        '    policies.push({ name: `noop-${i}`, description: "Does nothing.", enforcementLevel: "mandatory", validateStack: () => undefined });',
        "}",
        'new PolicyPack("noop", { policies });',
        "",
    ].join("\n");
    return packDir(root, "noop", "1.0.0", main);
}
