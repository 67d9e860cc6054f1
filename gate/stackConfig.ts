/**
 * Reads a project's Pulumi.yaml and Pulumi.<stack>.yaml the way the CLI hands config to a program:
 * fully qualified keys (`<namespace>:<key>`), string values, structured values as JSON, and project
 * config defaults filled in for keys the stack leaves unset.
 */
import * as fs from "fs";
import * as yaml from "js-yaml";
import * as path from "path";

/** Config as a program receives it. */
export interface LoadedStackConfig {
    /** The project name from Pulumi.yaml. */
    readonly project: string;
    /** The program's entry point from Pulumi.yaml's `main`, relative to the project folder. */
    readonly main?: string;
    /** The stack name. */
    readonly stack: string;
    /** Fully qualified key → string value, as `pulumi.runtime.allConfig()` returns it. */
    readonly config: Record<string, string>;
    /** Keys whose values were `secure:` in the stack file; offline they hold a placeholder. */
    readonly secretKeys: string[];
}

/** Thrown for a missing or unreadable project or stack file. */
export class StackConfigError extends Error {}

/** The placeholder a `secure:` value gets offline, where it cannot be decrypted. */
export const SECRET_PLACEHOLDER = "[secret: not decrypted offline]";

/** Loads the config of `stack` in the project at `projectDir`. */
export function loadStackConfig(projectDir: string, stack: string): LoadedStackConfig {
    const project = readYaml(path.join(projectDir, "Pulumi.yaml"));
    const name = project["name"];
    if (typeof name !== "string" || name === "") {
        throw new StackConfigError(`${path.join(projectDir, "Pulumi.yaml")} has no project name`);
    }
    const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
    if (!/^[\w.-]+$/.test(stack) || !fs.existsSync(stackFile)) {
        const stacks = fs.readdirSync(projectDir).flatMap(f => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? []);
        throw new StackConfigError(`no stack '${stack}' here: ${stackFile} does not exist (stacks: ${stacks.join(", ") || "none"})`);
    }
    const stackConfig = readYaml(stackFile)["config"] ?? {};
    if (typeof stackConfig !== "object" || stackConfig === null || Array.isArray(stackConfig)) {
        throw new StackConfigError(`${stackFile}: config must be a mapping of keys to values`);
    }
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, value] of Object.entries(stackConfig as Record<string, unknown>)) {
        const fullKey = key.includes(":") ? key : `${name}:${key}`;
        if (isSecure(value)) {
            config[fullKey] = SECRET_PLACEHOLDER;
            secretKeys.push(fullKey);
        } else {
            config[fullKey] = toConfigString(value);
        }
    }
    const declared = project["config"];
    if (typeof declared === "object" && declared !== null) {
        for (const [key, spec] of Object.entries(declared as Record<string, unknown>)) {
            const fullKey = key.includes(":") ? key : `${name}:${key}`;
            const dflt = typeof spec === "object" && spec !== null ? (spec as Record<string, unknown>)["default"] : spec;
            if (!(fullKey in config) && dflt !== undefined) {
                config[fullKey] = toConfigString(dflt);
            }
        }
    }
    const main = typeof project["main"] === "string" ? project["main"] : undefined;
    return { project: name, main, stack, config, secretKeys };
}

function readYaml(file: string): Record<string, unknown> {
    let parsed: unknown;
    try {
        parsed = yaml.load(fs.readFileSync(file, "utf8"));
    } catch (e) {
        throw new StackConfigError(`cannot read ${file}: ${(e as Error).message.split("\n")[0]}`);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
        throw new StackConfigError(`${file} is not a YAML mapping`);
    }
    return parsed as Record<string, unknown>;
}

function isSecure(value: unknown): boolean {
    return typeof value === "object" && value !== null && "secure" in value;
}

function toConfigString(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}
