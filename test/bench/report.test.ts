import * as assert from "assert";

import { goal, renderMarkdown, row } from "../../bench/report";

const t = (median: number, min: number, max: number) => ({ median, min, max, runs: 5 });

describe("bench/report", () => {
    it("judges a goal as met when the value does not exceed the limit", () => {
        assert.deepStrictEqual(
            [goal("a", 1.2, 1.2, "×"), goal("b", 1.2049, 1.2, "×"), goal("c", 2001, 2000, "ms")],
            [
                { text: "a", value: 1.2, limit: 1.2, unit: "×", met: true },
                { text: "b", value: 1.2, limit: 1.2, unit: "×", met: false },
                { text: "c", value: 2001, limit: 2000, unit: "ms", met: false },
            ],
        );
    });

    it("renders every row (with its unit when not milliseconds), then every goal, then the notes, as Markdown", () => {
        const text = renderMarkdown([
            {
                id: "B9",
                title: "example",
                rows: [
                    row("start-up", "the pack", "an empty pack", { subject: t(1234.4, 1200, 1300.6), floor: t(12.34, 10, 99.99), ratio: t(1.1, 1.05, 1.234) }, { "peak RSS MB": 77.5 }),
                    { ...row("peak RSS", "the pack", "an empty pack", { subject: t(310.2, 300, 320), floor: t(200, 190, 210), ratio: t(1.55, 1.5, 1.6) }), unit: "MB" as const },
                ],
                goals: [goal("within 1.2×", 1.1, 1.2, "×"), goal("under 2 s", 2500, 2000, "ms")],
                notes: ["measured on a busy machine."],
            },
        ]);
        assert.strictEqual(
            text,
            [
                "| Bench | Subject | Floor | Subject ms (or as marked), median (min–max) | Floor ms (or as marked), median (min–max) | Ratio per run, median (min–max) | Other |",
                "|---|---|---|---|---|---|---|",
                "| B9 start-up | the pack | an empty pack | 1234 (1200–1301) | 12.3 (10.0–100.0) | 1.10× (1.05–1.23) | peak RSS MB 77.5 |",
                "| B9 peak RSS | the pack | an empty pack | 310 MB (300–320) | 200 MB (190–210) | 1.55× (1.50–1.60) |  |",
                "",
                "| Goal | Measured | Limit | Met |",
                "|---|---|---|---|",
                "| B9: within 1.2× | 1.1× | 1.2× | yes |",
                "| B9: under 2 s | 2500 ms | 2000 ms | **no** |",
                "",
                "- B9: measured on a busy machine.",
                "",
            ].join("\n"),
        );
    });
});
