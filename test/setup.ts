// Loaded by mocha before any test file (see .mocharc.json).
//
// The mocked Pulumi runtime records a stack trace for every resource it registers, and that is
// most of its cost. Tests assert messages, never stacks, so stacks are off unless asked for:
// AG_STACK_TRACES=1 npm test
if (!process.env.AG_STACK_TRACES) {
    Error.stackTraceLimit = 0;
}

// The AWS SDK warns on every client that Node 20 support ends; the client tests create many.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= "true";
