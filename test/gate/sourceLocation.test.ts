/**
 * gate/sourceLocation: the user's line for each resource, from the SDK's source positions and stacks
 * (and a stack export's), never a library's or a component's internals.
 */
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as url from "url";

import { isLibraryFile, positionFromState, positionFromUri, registrationSites, repositoryRoot, rootRelative, SourcePosition, Traced } from "../../gate/sourceLocation";
import { tempDir } from "../support/mocked";

const ROOT = path.resolve("/work/app");
const at = (file: string, line: number, column = 1): SourcePosition => ({ file: path.join(ROOT, file), line, column });
const STACK = "urn:pulumi:dev::app::pulumi:pulumi:Stack::app-dev";
const res = (name: string, type: string, custom: boolean, parent: string | undefined, stack?: SourcePosition[], position?: SourcePosition): Traced => ({
    urn: `urn:${name}`,
    type,
    custom,
    ...(parent ? { parent } : {}),
    trace: { ...(position ?? stack?.[0] ? { position: position ?? stack?.[0] } : {}), ...(stack ? { stack } : {}) },
});
const plain = (sites: Map<string, SourcePosition>) => Object.fromEntries([...sites].map(([urn, p]) => [urn, `${path.relative(ROOT, p.file)}:${p.line}`]));

describe("gate/sourceLocation", () => {
    it("reads the SDK's file URIs and a stack export's project positions", () => {
        assert.deepStrictEqual(positionFromUri(url.pathToFileURL(path.join(ROOT, "index.ts")).toString(), 34, 18), { file: path.join(ROOT, "index.ts"), line: 34, column: 18 });
        assert.deepStrictEqual([positionFromUri("node:internal/x", 1, 1), positionFromUri("file:///x.ts", 0, 1)], [undefined, undefined]);
    });

    it("reads an ES module's file from the URI the SDK makes of its file URL as if it were a path", () => {
        // The SDK's own conversion (@pulumi/pulumi resource.js: url.pathToFileURL(frame file)) of an ES module's frame.
        const sdkUri = (file: string) => url.pathToFileURL(url.pathToFileURL(file).toString()).toString();
        const file = path.join(ROOT, "src", "my db.ts");
        assert.deepStrictEqual([sdkUri(file).includes("/file:"), positionFromUri(sdkUri(file), 15, 13)], [true, { file, line: 15, column: 13 }]);
        assert.deepStrictEqual(positionFromState("project:///src/my%20app.ts#12,3", ROOT), { file: path.join(ROOT, "src", "my app.ts"), line: 12, column: 3 });
        assert.deepStrictEqual(positionFromState("project:///index.ts#7", ROOT), { file: path.join(ROOT, "index.ts"), line: 7 });
        assert.deepStrictEqual([positionFromState("file:///index.ts#7", ROOT), positionFromState("project:///index.ts", ROOT), positionFromState(7, ROOT)], [undefined, undefined, undefined]);
    });

    it("never takes a frame from node_modules or from the gate itself", () => {
        assert.deepStrictEqual(
            [path.join(ROOT, "node_modules", "@pulumi", "aws", "iam", "user.js"), path.join(__dirname, "..", "..", "gate", "mockRuntime.ts"), path.join(ROOT, "index.ts")].map(isLibraryFile),
            [true, true, false],
        );
    });

    it("points a component's children at the line that created the component, a component method's grant at its caller, and the program's own resources at their lines", () => {
        const component = res("user", "acme:iam:AssumeOnlyUser", false, STACK, [at("index.ts", 34), at("node_modules/@pulumi/pulumi/runtime/stack.ts", 78)]);
        const table = res("table", "acme:dynamodb:ScopedTable", false, STACK, [at("index.ts", 53)]);
        const resources = [
            res("stack", "pulumi:pulumi:Stack", false, undefined, [at("node_modules/@pulumi/pulumi/runtime/stack.ts", 37)]),
            component,
            table,
            // Children made in the constructors: the component's own call site is in their stacks.
            res("iam-user", "aws:iam/user:User", true, component.urn, [at("components/user.ts", 84), at("components/user.ts", 60), at("index.ts", 34)]),
            res("table-child", "aws:dynamodb/table:Table", true, table.urn, [at("components/table.ts", 119), at("index.ts", 53)]),
            // A grant a component method made later: its file is component internals, so its caller counts.
            res("grant", "aws:iam/rolePolicy:RolePolicy", true, table.urn, [at("components/table.ts", 157), at("components/table.ts", 150), at("index.ts", 60)]),
            // Made inside an apply in the component: no user frame at all, so the component's line.
            res("in-apply", "aws:iam/accessKey:AccessKey", true, component.urn, [at("components/user.ts", 95), at("node_modules/@pulumi/pulumi/output.ts", 400)]),
            // The program's own resource, in a helper file of the program, and one the SDK sent no position for.
            res("own", "aws:s3/bucket:Bucket", true, STACK, [at("helpers.ts", 10), at("index.ts", 80)]),
            res("nowhere", "aws:s3/bucket:Bucket", true, undefined, []),
        ];
        assert.deepStrictEqual(plain(registrationSites(resources)), {
            "urn:user": "index.ts:34",
            "urn:table": "index.ts:53",
            "urn:iam-user": "index.ts:34",
            "urn:table-child": "index.ts:53",
            "urn:grant": "index.ts:60",
            "urn:in-apply": "index.ts:34",
            "urn:own": "helpers.ts:10",
        });
    });

    it("keeps the lines of a component the program defines in the same file as where it uses it", () => {
        const mine = res("mine", "app:index:Mine", false, STACK, [at("index.ts", 40)]);
        const child = res("child", "aws:iam/role:Role", true, mine.urn, [at("index.ts", 12), at("index.ts", 40)]);
        assert.deepStrictEqual(plain(registrationSites([mine, child])), { "urn:mine": "index.ts:40", "urn:child": "index.ts:12" });
    });

    it("with an older SDK's position alone, takes a child in another file than its component's call site for component internals", () => {
        const component = res("role", "acme:iam:GuardedRole", false, STACK, undefined, at("index.ts", 43));
        const child = res("role-child", "aws:iam/role:Role", true, component.urn, undefined, at("components/role.ts", 103));
        assert.deepStrictEqual(plain(registrationSites([component, child])), { "urn:role": "index.ts:43", "urn:role-child": "index.ts:43" });
    });

    it("makes paths relative to the git repository above the project, else to the working directory holding it, else to the project; a file outside stays a file URI", () => {
        const dir = tempDir("source-root-");
        try {
            const project = path.join(dir, "infra", "app");
            fs.mkdirSync(project, { recursive: true });
            assert.strictEqual(repositoryRoot(project, path.join(dir, "elsewhere")), project);
            assert.strictEqual(repositoryRoot(project, dir), dir); // an exported checkout, run from its root
            fs.writeFileSync(path.join(dir, ".git"), "gitdir: /elsewhere/worktrees/x\n"); // a worktree's .git is a file
            assert.strictEqual(repositoryRoot(project), dir);
            assert.strictEqual(rootRelative(dir, path.join(project, "index.ts")), "infra/app/index.ts");
            assert.strictEqual(rootRelative(project, path.join(dir, "shared.ts")), url.pathToFileURL(path.join(dir, "shared.ts")).toString());
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
