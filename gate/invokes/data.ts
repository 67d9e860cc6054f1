/**
 * The generated tables in gate/invokes/data/ (written by scripts/invoke-tables.ts, checked against
 * the installed packages by test/scripts/invoke-tables.test.ts), read on first use. They are read
 * from the source folder whether the gate runs from TypeScript (gate/invokes) or compiled
 * (bin/gate/invokes): the build copies no data, and the package ships gate/.
 */
import * as fs from "fs";
import * as path from "path";

/**
 * A result shape: `s` string, `n` number, `b` boolean, `a` any, `[x]` a list of x, `{"*": x}` a map
 * of x, an object of fields, `@name` a named type of {@link FunctionTable.types}.
 */
export type Shape = string | readonly Shape[] | { readonly [field: string]: Shape };

/** aws-functions.json. */
export interface FunctionTable {
    readonly package: string;
    readonly version: string;
    /** Invoke token → the shape of its result. */
    readonly functions: Readonly<Record<string, Shape>>;
    /** Output type name (`ec2.GetVpcCidrBlockAssociation`) → its shape. */
    readonly types: Readonly<Record<string, Shape>>;
}

/** One AWS partition. */
export interface Partition {
    readonly id: string;
    readonly dnsSuffix: string;
    readonly regionRegex: string;
    /** Region → description. */
    readonly regions: Readonly<Record<string, string>>;
}

/** partitions.json. */
export interface PartitionTable {
    readonly source: string;
    readonly partitions: readonly Partition[];
}

const cache = new Map<string, unknown>();

function read<T>(name: string): T {
    if (!cache.has(name)) {
        const file = [path.join(__dirname, "data", name), path.join(__dirname, "..", "..", "..", "gate", "invokes", "data", name)].find(f => fs.existsSync(f));
        if (!file) {
            throw new Error(`the gate's invoke table ${name} is missing from gate/invokes/data/; reinstall assume-guard or run scripts/invoke-tables.ts`);
        }
        cache.set(name, JSON.parse(fs.readFileSync(file, "utf8")));
    }
    return cache.get(name) as T;
}

/** Every function of the @pulumi/aws the table was generated from, with its result shape. */
export function awsFunctions(): FunctionTable {
    return read<FunctionTable>("aws-functions.json");
}

/** The AWS partitions and their regions. */
export function partitionTable(): PartitionTable {
    return read<PartitionTable>("partitions.json");
}
