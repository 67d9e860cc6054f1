import * as assert from "assert";

import { sideBySide, summarise, timeCommand } from "../../bench/measure";

describe("bench/measure", () => {
    it("summarises samples as median, min and max, rounded", () => {
        assert.deepStrictEqual(
            [summarise([3, 1, 2]), summarise([4, 1, 3, 2]), summarise([1 / 3, 2 / 3], 100)],
            [
                { median: 2, min: 1, max: 3, runs: 3 },
                { median: 2.5, min: 1, max: 4, runs: 4 },
                { median: 0.5, min: 0.33, max: 0.67, runs: 2 },
            ],
        );
    });

    it("alternates subject and floor after one warm-up of each, and divides each run by the floor run after it", async () => {
        const calls: string[] = [];
        const subject = [99, 10, 30, 20];
        const floor = [99, 5, 10, 20];
        const c = await sideBySide(
            { runs: 3 },
            () => (calls.push("s"), subject[calls.filter(x => x === "s").length - 1]),
            () => (calls.push("f"), floor[calls.filter(x => x === "f").length - 1]),
        );
        assert.deepStrictEqual(
            { calls: calls.join(""), c },
            {
                calls: "sfsfsfsf",
                c: { subject: { median: 20, min: 10, max: 30, runs: 3 }, floor: { median: 10, min: 5, max: 20, runs: 3 }, ratio: { median: 2, min: 1, max: 3, runs: 3 } },
            },
        );
    });

    it("skips the warm-up when asked", async () => {
        let n = 0;
        await sideBySide({ runs: 1, warmUp: false }, () => ++n, () => ++n);
        assert.strictEqual(n, 2);
    });

    it("times a command, and names it with its stderr when it exits with an unexpected code", () => {
        assert.strictEqual(typeof timeCommand(process.execPath, ["-e", "process.exit(3)"], { okCodes: [3] }), "number");
        assert.throws(() => timeCommand(process.execPath, ["-e", "console.error('boom'); process.exit(2)"]), { message: `${process.execPath} -e console.error('boom'); process.exit(2) exited 2: boom\n` });
    });
});
