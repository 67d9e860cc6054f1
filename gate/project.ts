/**
 * A Pulumi project as the CLI reads it before it runs the program: Pulumi.yaml's name, `main`,
 * runtime options and `config:` declarations (short forms rewritten as the CLI's
 * `RewriteShorthandConfigValues` does), and the working directory and entry point the engine hands
 * the Node.js language host (pkg/engine/project.go `getPwdMain`).
 */
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";

/** Thrown for an unusable project or stack file, or bad config. The message is one line. */
export class StackConfigError extends Error {}

/** One `config:` declaration of Pulumi.yaml (pkg `ProjectConfigType`). */
export interface ProjectConfigType {
    readonly type?: string;
    readonly items?: ProjectConfigItems;
    readonly default?: unknown;
    readonly value?: unknown;
    readonly secret?: boolean;
}

/** The `items` of an array declaration. */
export interface ProjectConfigItems {
    readonly type: string;
    readonly items?: ProjectConfigItems;
}

/** What the gate needs of Pulumi.yaml. */
export interface Project {
    /** The folder holding Pulumi.yaml. */
    readonly root: string;
    readonly name: string;
    /** `main`, as written; undefined when absent. */
    readonly main?: string;
    /** runtime.options.typescript (default true, as the language host). */
    readonly typescript: boolean;
    /** runtime.options.tsconfig, relative to the program's working directory. */
    readonly tsconfig?: string;
    /** The `config:` block, short forms rewritten. */
    readonly config: Readonly<Record<string, ProjectConfigType>>;
}

/** Reads Pulumi.yaml in `root`. */
export function readProject(root: string): Project {
    const file = path.join(root, "Pulumi.yaml");
    const raw = readYaml(file);
    const name = raw["name"];
    if (typeof name !== "string" || name === "") {
        throw new StackConfigError(`${file} has no project name; add name: <project>`);
    }
    const runtime = raw["runtime"];
    const options = isMapping(runtime) && isMapping(runtime["options"]) ? runtime["options"] : {};
    if (options["typescript"] !== undefined && typeof options["typescript"] !== "boolean") {
        throw new StackConfigError(`${file}: runtime.options.typescript must be a boolean`);
    }
    if (options["tsconfig"] !== undefined && typeof options["tsconfig"] !== "string") {
        throw new StackConfigError(`${file}: runtime.options.tsconfig must be a string`);
    }
    return {
        root,
        name,
        main: typeof raw["main"] === "string" && raw["main"] !== "" ? raw["main"] : undefined,
        typescript: options["typescript"] !== false,
        tsconfig: options["tsconfig"] as string | undefined,
        config: projectConfig(name, raw["config"], file),
    };
}

/** True when `key` (as written in Pulumi.yaml) belongs to the project's own namespace. */
export function namespacedByProject(project: string, key: string): boolean {
    return !key.includes(":") || key.startsWith(`${project}:`);
}

function projectConfig(project: string, block: unknown, file: string): Record<string, ProjectConfigType> {
    if (block === undefined || block === null) {
        return {};
    }
    if (!isMapping(block)) {
        throw new StackConfigError(`${file}: config must be a mapping of keys to declarations`);
    }
    const out: Record<string, ProjectConfigType> = {};
    for (const [key, value] of Object.entries(block)) {
        const declared = isMapping(value) ? value : namespacedByProject(project, key) ? { default: value } : { value };
        if (declared["default"] !== undefined && declared["value"] !== undefined) {
            throw new StackConfigError(`${file}: project config '${key}' cannot have both a 'default' and 'value' attribute`);
        }
        if (declared["type"] === "array" && !isMapping(declared["items"])) {
            throw new StackConfigError(`${file}: the configuration key '${key}' declares an array but does not specify the underlying type via the 'items' attribute`);
        }
        out[key] = declared as ProjectConfigType;
    }
    return out;
}

/** Where the program runs: its working directory and its entry point (`.` or a file name in it). */
export interface ProgramLocation {
    readonly pwd: string;
    readonly entry: string;
}

/** The working directory and entry point for Pulumi.yaml's `main` (getPwdMain). */
export function programLocation(project: Project): ProgramLocation {
    if (project.main === undefined) {
        return { pwd: project.root, entry: "." };
    }
    const main = path.resolve(project.root, project.main);
    let stat: fs.Stats;
    try {
        stat = fs.statSync(main);
    } catch (e) {
        throw new StackConfigError(`project 'main' could not be read: ${main}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    return stat.isDirectory() ? { pwd: main, entry: "." } : { pwd: path.dirname(main), entry: path.basename(main) };
}

/** Reads a YAML file that must hold a mapping. */
export function readYaml(file: string): Record<string, unknown> {
    let parsed: unknown;
    try {
        parsed = yaml.load(fs.readFileSync(file, "utf8"));
    } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        throw new StackConfigError(`cannot read ${file}: ${code ?? (e as Error).message.split("\n")[0]}`);
    }
    if (!isMapping(parsed)) {
        throw new StackConfigError(`${file} is not a YAML mapping`);
    }
    return parsed;
}

/** A plain object (a YAML mapping or a JSON object). */
export function isMapping(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}
