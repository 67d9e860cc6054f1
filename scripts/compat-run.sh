#!/usr/bin/env bash
# The compatibility run (.ci/run): this checkout, copied to a temporary folder, on another Node from
# the npm registry (`npx -p node@N`, nothing installed on the machine) with other @pulumi/pulumi and
# @pulumi/aws versions, running the suites that load the SDKs: components, the stack, the gate, the
# policy pack, the testing helpers and the installed package. Exits non-zero on any failure.
#
#   scripts/compat-run.sh                      Node 24, @pulumi/pulumi 3.276.0, @pulumi/aws 7.48.0
#   AG_COMPAT_NODE=22 scripts/compat-run.sh    another Node (AG_COMPAT_PULUMI, AG_COMPAT_AWS likewise)
#
# Left out, as they do not depend on the runtime or the SDKs: test/client (AWS SDK v3 only),
# test/fuzz (the pack's pure functions against the evaluator), test/scripts (this repository's build
# and data scripts), and the README and licence checks.
set -euo pipefail
NODE_MAJOR="${AG_COMPAT_NODE:-24}"
PULUMI="${AG_COMPAT_PULUMI:-3.276.0}"
AWS="${AG_COMPAT_AWS:-7.48.0}"
SUITES=(
    "test/components/**/*.test.ts" "test/stack/**/*.test.ts" "test/index.test.ts" "test/patterns.test.ts"
    "test/access/**/*.test.ts" "test/examples/**/*.test.ts" "test/exports.test.ts" "test/testing/**/*.test.ts"
    "test/gate/**/*.test.ts" "test/policypack/**/*.test.ts" "test/bypass.test.ts"
)
root="$(cd "$(dirname "$0")/.." && pwd)"
copy="$(mktemp -d "${TMPDIR:-/tmp}/assume-guard-compat-XXXXXX")"
trap 'rm -rf "$copy"' EXIT
on_node() { npx -y -p "node@$NODE_MAJOR" -- "$@"; }

echo "compatibility run: Node $NODE_MAJOR, @pulumi/pulumi $PULUMI, @pulumi/aws $AWS, in $copy"
# The checkout as it is: tracked and new files, without node_modules and builds (scripts/checkout-files.sh).
bash "$root/scripts/checkout-files.sh" | (cd "$root" && tar --null -T - --ignore-failed-read -cf - 2>/dev/null) | tar -xf - -C "$copy"
cd "$copy"
node - "$PULUMI" "$AWS" <<'EOF'
// Every manifest that names the SDKs takes the versions under test.
const fs = require("fs");
const [pulumi, aws] = process.argv.slice(2);
for (const file of ["package.json", "policypack/package.json", "examples/vendor-access/package.json"]) {
    const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
    for (const field of ["dependencies", "devDependencies"]) {
        const deps = manifest[field] ?? {};
        if (deps["@pulumi/pulumi"]) deps["@pulumi/pulumi"] = pulumi;
        if (deps["@pulumi/aws"]) deps["@pulumi/aws"] = aws;
    }
    fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
}
EOF
on_node npm install --no-audit --no-fund --prefer-offline --loglevel=error
on_node node -e '
const v = p => require(p + "/package.json").version;
console.log(`node ${process.version}, @pulumi/pulumi ${v("@pulumi/pulumi")}, @pulumi/aws ${v("@pulumi/aws")}, @pulumi/policy ${v("@pulumi/policy")}`);
if (v("@pulumi/pulumi") !== process.argv[1] || v("@pulumi/aws") !== process.argv[2]) { console.error("the SDKs under test were not installed"); process.exit(1); }
' "$PULUMI" "$AWS"
mocha=(node node_modules/mocha/bin/mocha.js --no-config --require ts-node/register/transpile-only --require test/setup.ts --extension ts --reporter ./test/support/reporter.js)
on_node "${mocha[@]}" --timeout 60000 "${SUITES[@]}"
# The tarball installed into new projects, on this Node with these SDKs (the git-URL install, which
# builds the same files, runs once in .ci/run on the machine's Node).
on_node "${mocha[@]}" --timeout 900000 test/package/install.test.ts
