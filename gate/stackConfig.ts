/**
 * A stack's config as the CLI hands it to a program (pkg/workspace/config.go `mergeConfig` and
 * `validateStackConfigValues`): Pulumi.<stack>.yaml, then `--config` settings, then Pulumi.yaml's
 * values and defaults for keys the stack leaves unset; a declared project key with neither is
 * missing, and explicitly typed keys are checked against their type. Keys are fully qualified,
 * values strings (structured ones as JSON); `secure:` values hold a placeholder and are secret.
 */
import * as fs from "fs";
import * as path from "path";

import { applySettings, ConfigSetting, ConfigValue, fromYaml, parseKey } from "./configValue";
import { isMapping, namespacedByProject, Project, ProjectConfigItems, ProjectConfigType, readProject, readYaml, StackConfigError } from "./project";

export { SECRET_PLACEHOLDER } from "./configValue";
export { StackConfigError };

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
    /** Keys whose values are secret (`secure:` in the stack file); offline they hold a placeholder. */
    readonly secretKeys: string[];
}

/** `--config` settings for a run. */
export interface ConfigSettings {
    readonly settings: readonly ConfigSetting[];
    /** `--config-path`: keys are property paths into structured values. */
    readonly path?: boolean;
}

/** Loads the config of `stack` in the project at `projectDir`, with `--config` settings applied. */
export function loadStackConfig(projectDir: string, stack: string, cli: ConfigSettings = { settings: [] }, project: Project = readProject(projectDir)): LoadedStackConfig {
    const stackFile = path.join(projectDir, `Pulumi.${stack}.yaml`);
    if (!/^[\w.-]+$/.test(stack) || !fs.existsSync(stackFile)) {
        const stacks = fs.readdirSync(projectDir).flatMap(f => /^Pulumi\.(.+)\.yaml$/.exec(f)?.[1] ?? []);
        throw new StackConfigError(`no stack '${stack}' here: ${stackFile} does not exist (stacks: ${stacks.join(", ") || "none"})`);
    }
    const stackYaml = readYaml(stackFile);
    const environment = stackYaml["environment"];
    if (environment !== undefined && environment !== null && !(Array.isArray(environment) && environment.length === 0)) {
        throw new StackConfigError(
            `${stackFile} imports Pulumi ESC environments (environment:), which the offline gate cannot open; ` +
                "put the values the program needs in the stack file or pass them with --config KEY=VALUE, without the environment block",
        );
    }
    const block = stackYaml["config"] ?? {};
    if (!isMapping(block)) {
        throw new StackConfigError(`${stackFile}: config must be a mapping of keys to values`);
    }
    const config = new Map<string, ConfigValue>();
    for (const [key, value] of Object.entries(block)) {
        const parsed = parseKey(key);
        if (parsed === undefined) {
            throw new StackConfigError(
                `${stackFile}: could not parse ${key} as a configuration key (configuration keys should be of the form \`<namespace>:<name>\`); write ${project.name}:${key}`,
            );
        }
        config.set(parsed, fromYaml(value));
    }
    applySettings(config, cli.settings, project.name, cli.path ?? false);
    mergeProjectConfig(config, project, stack);
    return {
        project: project.name,
        main: project.main,
        stack,
        config: Object.fromEntries([...config].map(([k, v]) => [k, v.text])),
        secretKeys: [...config].filter(([, v]) => v.secret).map(([k]) => k),
    };
}

function mergeProjectConfig(config: Map<string, ConfigValue>, project: Project, stack: string): void {
    const missing: string[] = [];
    const keys = Object.keys(project.config).sort();
    for (const key of keys) {
        const declared = project.config[key];
        const full = key.includes(":") ? parseKey(key) : `${project.name}:${key}`;
        if (full === undefined) {
            throw new StackConfigError(`Pulumi.yaml: could not parse ${key} as a configuration key (configuration keys should be of the form \`<namespace>:<name>\`)`);
        }
        if (config.has(full)) {
            continue;
        }
        const given = declared.default !== undefined ? declared.default : declared.value;
        if (given === undefined) {
            if (full.startsWith(`${project.name}:`)) {
                missing.push(key);
            }
            continue;
        }
        config.set(full, fromYaml(given));
    }
    if (missing.length > 0) {
        const list = missing.length === 1 ? `'${missing[0]}'` : `${missing.slice(0, -1).map(k => `'${k}'`).join(", ")} and '${missing[missing.length - 1]}'`;
        const first = missing[0];
        throw new StackConfigError(
            `Stack '${stack}' is missing configuration value${missing.length > 1 ? "s" : ""} ${list}; ` +
                `set ${missing.length > 1 ? "them" : "it"} with \`pulumi config set ${first} <value>\` or pass --config ${first}=VALUE to the gate`,
        );
    }
    for (const key of keys) {
        const declared = project.config[key];
        if (declared.type === undefined || !namespacedByProject(project.name, key)) {
            continue;
        }
        const value = config.get(key.includes(":") ? key : `${project.name}:${key}`);
        if (value === undefined) {
            continue;
        }
        if (declared.secret && !value.secret) {
            throw new StackConfigError(`Stack '${stack}' with configuration key '${key}' must be encrypted as it's secret; set it with \`pulumi config set --secret ${key} <value>\``);
        }
        if (value.secret) {
            continue; // not decrypted offline, so its type cannot be checked (the CLI checks it on decryption)
        }
        if (!valid(declared.type, declared.items, value.object ? JSON.parse(value.text) : value.text)) {
            throw new StackConfigError(`Stack '${stack}' with configuration key '${key}' must be of type '${typeName(declared.type, declared.items)}'`);
        }
    }
}

/** `workspace.ValidateConfigValue`. */
function valid(type: string, items: ProjectConfigItems | undefined, value: unknown): boolean {
    switch (type) {
        case "string":
            return typeof value === "string";
        case "integer":
            return (typeof value === "number" && Number.isInteger(value)) || (typeof value === "string" && /^[+-]?\d+$/.test(value));
        case "boolean":
            return value === "true" || value === "false" || typeof value === "boolean";
        case "object":
            return isMapping(value);
        default:
            return Array.isArray(value) && items !== undefined && value.every(v => valid(items.type, items.items, v));
    }
}

/** `workspace.InferFullTypeName`. */
function typeName(type: string, items: ProjectConfigType["items"]): string {
    return items ? `array<${typeName(items.type, items.items)}>` : type;
}
