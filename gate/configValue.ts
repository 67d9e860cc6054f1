/**
 * Stack config values as the CLI holds them (sdk/go/common/resource/config): a string, or a
 * structured value carried as JSON, either possibly secret; keys `<namespace>:<name>`; and
 * `--config KEY=VALUE` settings with `--config-path`, set into structured values the way
 * `config.Map.Set(key, value, path)` does.
 */
import { isMapping, StackConfigError } from "./project";

/** One config value. */
export interface ConfigValue {
    /** What the program reads: the string, or the structured value as JSON (keys sorted, as Go marshals). */
    readonly text: string;
    /** True for a structured value (an object or a list). */
    readonly object: boolean;
    /** True for a `secure:` value (or one holding one); offline its text holds placeholders. */
    readonly secret: boolean;
}

/** The placeholder a `secure:` value gets offline, where it cannot be decrypted. */
export const SECRET_PLACEHOLDER = "[secret: not decrypted offline]";

/** A config value from a YAML value of a stack file or Pulumi.yaml. */
export function fromYaml(value: unknown): ConfigValue {
    if (isSecure(value)) {
        return { text: SECRET_PLACEHOLDER, object: false, secret: true };
    }
    if (typeof value === "object" && value !== null) {
        let secret = false;
        const plain = mapSecure(value, () => {
            secret = true;
            return SECRET_PLACEHOLDER;
        });
        return { text: goJson(plain), object: true, secret };
    }
    return { text: value === null || value === undefined ? "" : String(value), object: false, secret: false };
}

/** Parses a config key as `config.ParseKey` does: `<namespace>:<name>` (or the old `<ns>:config:<name>`). */
export function parseKey(key: string): string | undefined {
    const parts = key.split(":");
    if (parts.length === 2 && parts[0] !== "") {
        return key;
    }
    if (parts.length === 3 && parts[1] === "config" && parts[0] !== "") {
        return `${parts[0]}:${parts[2]}`;
    }
    return undefined;
}

/** One `--config KEY=VALUE`. */
export interface ConfigSetting {
    readonly key: string;
    readonly value: string;
}

/**
 * Sets `--config` settings into `config` as `pulumi preview --config` does before it runs the
 * program: an unqualified key gets the project's namespace; with `path`, `a.b[0]` sets inside a
 * structured value and a `true`, `false` or integer leaf is stored as such.
 */
export function applySettings(config: Map<string, ConfigValue>, settings: readonly ConfigSetting[], project: string, path: boolean): void {
    for (const s of settings) {
        const split = path ? s.key.search(/[.[]/) : -1;
        const top = split > 0 ? s.key.slice(0, split) : s.key;
        const key = parseKey(top.includes(":") ? top : `${project}:${top}`);
        if (key === undefined) {
            throw new StackConfigError(`--config ${s.key}: could not parse ${top} as a configuration key (configuration keys should be of the form \`<namespace>:<name>\`)`);
        }
        if (split <= 0) {
            config.set(key, { text: s.value, object: false, secret: false });
            continue;
        }
        const accessors = parsePath(s.key.slice(split), s.key);
        const current = config.get(key);
        let root: unknown = current?.object ? JSON.parse(current.text) : undefined;
        root = setPath(root, accessors, coerce(s.value), s.key);
        config.set(key, { text: goJson(root), object: true, secret: current?.secret ?? false });
    }
}

type Accessor = string | number;

/** `.a`, `[0]`, `["a.b"]` segments, as `resource.ParsePropertyPath` reads them after the key. */
function parsePath(rest: string, whole: string): Accessor[] {
    const out: Accessor[] = [];
    const re = /^(?:\.([^.[\]]+)|\[(\d+)\]|\["((?:[^"\\]|\\.)*)"\])/;
    for (let s = rest; s !== ""; ) {
        const m = re.exec(s);
        if (!m) {
            throw new StackConfigError(`--config ${whole}: invalid property path at '${s}'; use a.b, a[0] or a["b.c"]`);
        }
        out.push(m[1] ?? (m[2] !== undefined ? Number(m[2]) : JSON.parse(`"${m[3]}"`)));
        s = s.slice(m[0].length);
    }
    return out;
}

function setPath(container: unknown, accessors: readonly Accessor[], leaf: unknown, whole: string): unknown {
    if (accessors.length === 0) {
        return leaf;
    }
    const [head, ...rest] = accessors;
    const fresh = typeof head === "number" ? [] : {};
    const target: unknown = Array.isArray(container) === (typeof head === "number") && typeof container === "object" && container !== null ? container : fresh;
    if (Array.isArray(target)) {
        const index = head as number;
        if (index > target.length) {
            throw new StackConfigError(`--config ${whole}: index ${index} is beyond the end of a list of ${target.length}`);
        }
        target[index] = setPath(target[index], rest, leaf, whole);
    } else {
        const obj = target as Record<string, unknown>;
        obj[head as string] = setPath(obj[head as string], rest, leaf, whole);
    }
    return target;
}

/** `true`/`false` and integers without a leading zero become typed, as `config.coerce` does. */
function coerce(v: string): unknown {
    if (v === "true" || v === "false") {
        return v === "true";
    }
    return /^(0|-?[1-9]\d*)$/.test(v) && Number.isSafeInteger(Number(v)) ? Number(v) : v;
}

function isSecure(value: unknown): boolean {
    return isMapping(value) && Object.keys(value).length === 1 && typeof value["secure"] === "string";
}

function mapSecure(value: unknown, secret: () => unknown): unknown {
    if (isSecure(value)) {
        return secret();
    }
    if (Array.isArray(value)) {
        return value.map(v => mapSecure(v, secret));
    }
    if (isMapping(value)) {
        return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapSecure(v, secret)]));
    }
    return value;
}

/** JSON with object keys sorted, as Go's encoding/json writes maps. */
export function goJson(value: unknown): string {
    const sort = (v: unknown): unknown =>
        Array.isArray(v) ? v.map(sort) : isMapping(v) ? Object.fromEntries(Object.keys(v).sort().map(k => [k, sort(v[k])])) : v;
    return JSON.stringify(sort(value));
}
