/** The program's stacks under the recording mocked runtime, for tests outside test/index.test.ts. */
import { RecordedResource } from "../../gate/mockRuntime";
import { runStack } from "./mocked";

export { RecordedResource };

/** Runs the program with `Pulumi.<stack>.yaml` (plus overrides) and returns what it registered. */
export async function runProgram(
    stack: string,
    configOverrides: Record<string, string> = {},
): Promise<{ resources: RecordedResource[]; outputs: Record<string, unknown> }> {
    const run = await runStack(stack, configOverrides);
    return { resources: run.resources, outputs: run.outputs };
}
