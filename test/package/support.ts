/**
 * Helpers for the package tests (npm run test:package): pack this checkout as npm publishes it,
 * make consumer projects in a temporary folder, run commands in them, and measure what they hold.
 */
import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

import { REPO_ROOT, tempDir } from "../support/mocked";

/** What `npm pack --json` reports of the tarball. */
export interface Packed {
    readonly tarball: string;
    /** Bytes of the compressed tarball. */
    readonly size: number;
    /** Bytes of its files, unpacked. */
    readonly unpackedSize: number;
    readonly files: readonly string[];
}

/** A finished command. */
export interface Ran {
    readonly status: number | null;
    readonly stdout: string;
    readonly stderr: string;
}

/** Runs `command` in `cwd`; with `check`, fails the test (printing stderr) unless it exits 0. */
export function run(command: string, args: readonly string[], cwd: string, options: { check?: boolean; env?: Record<string, string> } = {}): Ran {
    const result = spawnSync(command, args, { cwd, encoding: "utf8", env: { ...process.env, ...options.env }, maxBuffer: 64 * 1024 * 1024 });
    const ran = { status: result.status, stdout: result.stdout ?? "", stderr: result.stderr ?? String(result.error ?? "") };
    if (options.check) {
        assert.strictEqual(ran.status, 0, `${command} ${args.join(" ")} in ${cwd} failed:\n${ran.stderr}${ran.stdout}`);
    }
    return ran;
}

/** npm with the flags every install here uses (no audit, no funding notes, the cache first). */
export function npm(args: readonly string[], cwd: string): Ran {
    return run("npm", [...args, "--no-audit", "--no-fund", "--prefer-offline"], cwd, { check: true });
}

/** `npm pack` of this checkout into `dir` (its `prepare` builds first, as for a publish). */
export function packRepo(dir: string): Packed {
    const out = run("npm", ["pack", "--json", "--pack-destination", dir], REPO_ROOT, { check: true }).stdout;
    const [report] = JSON.parse(out.slice(out.indexOf("["))) as { filename: string; size: number; unpackedSize: number; files: { path: string }[] }[];
    return { tarball: path.join(dir, report.filename), size: report.size, unpackedSize: report.unpackedSize, files: report.files.map(f => f.path) };
}

/** A new consumer project in `dir`: a package.json and nothing else. */
export function consumer(dir: string, name: string): string {
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, version: "1.0.0", private: true }, null, 2) + "\n");
    return dir;
}

/** The version of a package as this checkout installed it. */
export function installedVersion(name: string): string {
    return (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "node_modules", name, "package.json"), "utf8")) as { version: string }).version;
}

/** Bytes on disk under `dir` (`du`), following no links. */
export function diskUsage(dir: string): number {
    return Number(run("du", ["-sk", dir], dir, { check: true }).stdout.split("\t")[0]) * 1024;
}

/** `12.3 MB`. */
export function megabytes(bytes: number): string {
    return `${(bytes / 1e6).toFixed(1)} MB`;
}

/** The SDKs a consumer installs: the versions this checkout runs with (the compatibility run's are newer). */
export const PEERS = [`@pulumi/pulumi@${installedVersion("@pulumi/pulumi")}`, `@pulumi/aws@${installedVersion("@pulumi/aws")}`];
/** The tools a TypeScript consumer installs beside them. */
export const TOOLS = [`typescript@${installedVersion("typescript")}`, `@types/node@${installedVersion("@types/node")}`];

let packedOnce: Packed | undefined;

/** `packRepo` once for the whole run (into its own temporary folder); later calls return the same tarball. */
export function packOnce(): Packed {
    packedOnce ??= packRepo(tempDir("ag-package-"));
    return packedOnce;
}

const EXAMPLE = path.join(REPO_ROOT, "examples", "unit-test");

/**
 * A consumer project in `dir` as a user makes one: the program and unit test of examples/unit-test
 * (a top-level program built from the components, stack `dev`), with the tarball, the peers and the
 * TypeScript tools installed by `npm install` (so it has a package-lock.json for `npm ci`).
 */
export function exampleProject(dir: string, packed: Packed, name = "reporting-infra"): string {
    const project = consumer(dir, name);
    npm(["install", packed.tarball, ...PEERS, ...TOOLS], project);
    for (const file of ["index.ts", "index.test.ts", "tsconfig.json", "Pulumi.yaml", "Pulumi.dev.yaml"]) {
        fs.copyFileSync(path.join(EXAMPLE, file), path.join(project, file));
    }
    return project;
}
