/**
 * `npm install git+…` of assume-guard: npm clones the repository, installs its dependencies and
 * devDependencies there, runs `prepare` (which builds bin/ and policypack/bin/), packs it with the
 * package's `files` and installs that. Here from a `git+file://` URL of a snapshot of this checkout
 * (tracked and new files, as committed), since there is no network.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";

import { REPO_ROOT, tempDir } from "../support/mocked";
import { consumer, installedVersion, npm, run } from "./support";

const VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

/** A git repository holding this checkout's files as they are now (tracked and untracked, not ignored). */
function snapshot(dir: string): string {
    const listed = run("bash", [path.join(REPO_ROOT, "scripts", "checkout-files.sh")], REPO_ROOT, { check: true }).stdout.split("\0");
    for (const file of listed.filter(f => f !== "" && fs.existsSync(path.join(REPO_ROOT, f)))) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.copyFileSync(path.join(REPO_ROOT, file), path.join(dir, file));
    }
    const git = (...args: string[]) => run("git", ["-c", "user.name=assume-guard tests", "-c", "user.email=tests@assume-guard.invalid", ...args], dir, { check: true });
    git("init", "-q");
    git("add", "-A");
    git("commit", "-qm", "snapshot");
    return dir;
}

describe("package: npm install from a git URL", function () {
    this.timeout(900000);

    it("Git: npm install git+file://… builds the package in prepare and installs what the tarball holds", () => {
        const tmp = tempDir("ag-package-git-");
        const repo = snapshot(path.join(tmp, "assume-guard"));
        const project = consumer(path.join(tmp, "project"), "reporting-infra");
        npm(["install", `git+file://${repo}`, `@pulumi/pulumi@${installedVersion("@pulumi/pulumi")}`, `@pulumi/aws@${installedVersion("@pulumi/aws")}`], project);
        const installed = path.join(project, "node_modules", "assume-guard");
        const probe = 'const c = require("assume-guard"); const t = require("assume-guard/testing"); console.log(JSON.stringify([typeof c.GuardedRole, typeof t.setMocks]));';
        assert.deepStrictEqual(
            {
                link: fs.lstatSync(installed).isSymbolicLink(),
                built: ["bin/cli/main.js", "bin/components/index.d.ts", "policypack/bin/index.js"].filter(f => !fs.existsSync(path.join(installed, f))),
                sources: fs.existsSync(path.join(installed, "components", "guardedRole.ts")),
                loads: JSON.parse(run(process.execPath, ["-e", probe], project, { check: true }).stdout),
                cli: run(path.join(project, "node_modules", ".bin", "assume-guard"), ["--version"], project).stdout,
            },
            { link: false, built: [], sources: false, loads: ["function", "function"], cli: `${VERSION}\n` },
        );
    });
});
