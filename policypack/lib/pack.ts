/**
 * The pack's identity and files. The pack runs from its source folder under the engine, and from a
 * compiled copy (bin/policypack/…) under the offline gate, so its files are found by walking up from
 * this module to the folder that holds them.
 */
import * as fs from "fs";
import * as path from "path";

/** The pack's name, as `new PolicyPack` and the engine know it. */
export const PACK_NAME = "assume-guard";

/**
 * Where each rule's page (`docs/rules/<rule>.md`) is published: the policies' `url`, SARIF's
 * `helpUri`. The one place to change when the repository moves.
 */
export const DOCS_URL = "https://github.com/assume-guard/assume-guard/blob/main/docs/rules/";

/** The absolute path of a file of the pack's folder (`package.json`, `data/…`). */
export function packFile(relative: string): string {
    for (let dir = path.join(__dirname, ".."); ; dir = path.dirname(dir)) {
        for (const candidate of [path.join(dir, relative), path.join(dir, "policypack", relative)]) {
            if (fs.existsSync(candidate) && (relative !== "package.json" || isPackManifest(candidate))) {
                return candidate;
            }
        }
        if (path.dirname(dir) === dir) {
            throw new Error(`cannot find the pack's ${relative} above ${__dirname}`);
        }
    }
}

function isPackManifest(file: string): boolean {
    const pkg = JSON.parse(fs.readFileSync(file, "utf8")) as { name?: unknown };
    return pkg.name === "assume-guard-policypack";
}

/** The pack's version (its package.json), which the engine reports with every diagnostic. */
export const PACK_VERSION: string = (JSON.parse(fs.readFileSync(packFile("package.json"), "utf8")) as { version: string }).version;
