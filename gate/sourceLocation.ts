/**
 * Where each resource was registered in the program's source: the file and line a finding points at
 * (SARIF's `physicalLocation`, so that code scanning annotates the line that created the resource).
 *
 * The SDK records, with every registration, the stack at the resource's constructor (`sourcePosition`
 * and, since @pulumi/pulumi 3.194, the whole `stackTrace`; @pulumi/pulumi resource.js); stack exports
 * keep both (`sourcePosition`, `stackTrace`, as `project:///<path>#<line>,<column>`). The useful frame
 * is the user's line, not a library's internals:
 * - frames in `node_modules` and in the gate itself never count;
 * - a component's child made while the component was being constructed carries the component's own
 *   call site in its stack; the frames before it ran inside the component, so their files (when not
 *   the call site's file) are component internals, and never count either;
 * - a resource with no frame left takes its parent's site (a child made inside a component's
 *   `apply`, say), up to the stack.
 * So a child of a component points at the line that created the component, a grant made by a
 * component's method at the line that called it, and a resource the program creates itself at its
 * own line.
 */
import * as fs from "fs";
import * as path from "path";
import * as url from "url";

/** A position in a source file: an absolute path, a 1-based line and column. */
export interface SourcePosition {
    readonly file: string;
    readonly line: number;
    readonly column?: number;
}

/** What a registration recorded: its position, and its stack (innermost first) when the SDK sent one. */
export interface RegistrationTrace {
    readonly position?: SourcePosition;
    readonly stack?: readonly SourcePosition[];
}

/** A resource as the sites are computed from. */
export interface Traced {
    readonly urn: string;
    readonly type: string;
    readonly custom: boolean;
    readonly parent?: string;
    readonly trace?: RegistrationTrace;
}

/**
 * A `file://` URI position as the SDK sends it; undefined for anything else. An ES module's frames
 * name their file by URL already, and the SDK turns that URL into a URI as if it were a relative path
 * (`url.pathToFileURL("file:///app/src/db.ts")` is `file:///<cwd>/file:/app/src/db.ts`): the URL
 * nested after the working directory is the file.
 */
export function positionFromUri(uri: string, line: number, column: number): SourcePosition | undefined {
    if (!uri.startsWith("file:") || !(line > 0)) {
        return undefined;
    }
    try {
        const nested = uri.indexOf("/file:", "file:".length);
        const file = url.fileURLToPath(nested < 0 ? uri : decodeURIComponent(uri.slice(nested + 1)));
        return { file, line, ...(column > 0 ? { column } : {}) };
    } catch {
        return undefined;
    }
}

/** A stack export's position, `project:///index.ts#34,18` (relative to the project folder); undefined when not one. */
export function positionFromState(text: unknown, projectDir: string): SourcePosition | undefined {
    const m = typeof text === "string" ? /^project:\/\/(\/[^#]*)#(\d+)(?:,(\d+))?$/.exec(text) : null;
    if (!m || Number(m[2]) <= 0) {
        return undefined;
    }
    const rel = decodeURIComponent(m[1]).replace(/^\/+/, "");
    return { file: path.resolve(projectDir, ...rel.split("/")), line: Number(m[2]), ...(m[3] && Number(m[3]) > 0 ? { column: Number(m[3]) } : {}) };
}

/** Files that never hold the user's line: dependencies, and the gate's own code (its sources and its build). */
export function isLibraryFile(file: string): boolean {
    if (file.split(/[\\/]/).includes("node_modules")) {
        return true;
    }
    return GATE_DIRS.some(dir => file === dir || file.startsWith(dir + path.sep));
}

const GATE_DIRS = path.basename(path.dirname(__dirname)) === "bin" ? [__dirname, path.join(__dirname, "..", "..", "gate")] : [__dirname];

const STACK_TYPE = "pulumi:pulumi:Stack";

/** The registration site of each resource (by URN), as the module comment describes; absent when none is known. */
export function registrationSites(resources: readonly Traced[], library: (file: string) => boolean = isLibraryFile): Map<string, SourcePosition> {
    const byUrn = new Map(resources.map(r => [r.urn, r]));
    const frames = (r: Traced) => (r.trace?.stack ?? (r.trace?.position ? [r.trace.position] : [])).filter(f => !library(f.file));
    const internals = new Set<string>();
    for (const r of resources) {
        const parent = r.parent ? byUrn.get(r.parent) : undefined;
        const site = parent && !parent.custom && parent.type !== STACK_TYPE ? frames(parent)[0] : undefined;
        if (!site) {
            continue;
        }
        const own = frames(r);
        const at = own.findIndex(f => f.file === site.file && f.line === site.line && f.column === site.column);
        // With only a position (an older SDK), a child in another file than its component's call site was made inside it.
        const inside = at >= 0 ? own.slice(0, at) : r.trace?.stack ? [] : own;
        inside.filter(f => f.file !== site.file).forEach(f => internals.add(f.file));
    }
    const sites = new Map<string, SourcePosition | undefined>();
    const siteOf = (r: Traced, depth: number): SourcePosition | undefined => {
        if (!sites.has(r.urn)) {
            const parent = r.parent ? byUrn.get(r.parent) : undefined;
            const own = frames(r).find(f => !internals.has(f.file));
            sites.set(r.urn, own ?? (parent && depth < 100 ? siteOf(parent, depth + 1) : undefined));
        }
        return sites.get(r.urn);
    };
    const out = new Map<string, SourcePosition>();
    for (const r of resources) {
        const site = siteOf(r, 0);
        if (site) {
            out.set(r.urn, site);
        }
    }
    return out;
}

/**
 * The root that report paths are relative to: the git repository holding `dir` (the nearest folder
 * above it with a `.git` entry, a directory or a worktree's file); without one (a checkout exported
 * with `git archive`, a CI workspace without history), the working directory when `dir` lies
 * inside it, as a CI job runs from its checkout's root; else `dir` itself. GitHub code scanning
 * reads paths relative to the repository root.
 */
export function repositoryRoot(dir: string, cwd: string = process.cwd()): string {
    const start = path.resolve(dir);
    for (let d = start; ; d = path.dirname(d)) {
        if (fs.existsSync(path.join(d, ".git"))) {
            return d;
        }
        if (path.dirname(d) === d) {
            const rel = path.relative(path.resolve(cwd), start);
            return rel.startsWith("..") || path.isAbsolute(rel) ? start : path.resolve(cwd);
        }
    }
}

/** `file` relative to `root` with `/` separators; a `file://` URI when it lies outside `root`. */
export function rootRelative(root: string, file: string): string {
    const rel = path.relative(root, file);
    return rel.startsWith("..") || path.isAbsolute(rel) ? url.pathToFileURL(file).toString() : rel.split(path.sep).join("/");
}
