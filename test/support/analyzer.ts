/**
 * Serves a policy pack the way `pulumi preview --policy-pack DIR` does (docs/engine-protocol.md) and
 * talks to it over the real Analyzer gRPC protocol:
 * - the process is started by ./pack-process (run-policy-pack in DIR, port from stdout);
 * - then `ConfigureStack` (unless publishing) and `GetPluginInfo`, as the engine does;
 * - `configure()` reconciles a `--policy-pack-config` file as the engine does, then calls `Configure`.
 *
 * `close()` ends the process; mocha exits by itself once every analyzer is closed.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as analyzerrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerpb from "@pulumi/pulumi/proto/analyzer_pb";

import { PolicyConfig, PolicyPackConfigFile, reconcileConfig } from "../../gate/policyConfig";
import { DEFAULT_STACK, PackProcess, spawnPack, StackInfo, StartOptions } from "./pack-process";
import { AnalyzerInfo, Diagnostic, EngineResource, fromAnalyzerInfo, fromDiagnostic, levelToProto, toAnalyzeRequest, toAnalyzerResource, toStruct } from "./wire";

/** Starts the pack and performs the engine's opening RPCs (`ConfigureStack`, `GetPluginInfo`). */
export async function startAnalyzer(packDir: string, options: StartOptions = {}): Promise<Analyzer> {
    const proc = await spawnPack(packDir, options);
    const analyzer = new Analyzer(proc);
    try {
        const stack = options.stack === undefined ? DEFAULT_STACK : options.stack;
        if (stack) {
            await analyzer.configureStack(stack);
        }
        analyzer.pluginVersion = await analyzer.getPluginVersion();
    } catch (e) {
        await analyzer.close();
        throw e;
    }
    return analyzer;
}

type Callback<T> = (err: grpc.ServiceError | null, res: T) => void;

/** A typed client over the pack's Analyzer service. */
export class Analyzer {
    /** The @pulumi/policy version `GetPluginInfo` reported. */
    public pluginVersion = "";
    private readonly client: analyzerrpc.AnalyzerClient;

    public constructor(public readonly pack: PackProcess) {
        this.client = new analyzerrpc.AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure(), {
            "grpc.max_receive_message_length": 400 * 1024 * 1024,
        });
    }

    /** `ConfigureStack`: the stack's identity, config and tags. */
    public async configureStack(stack: StackInfo): Promise<void> {
        const req = new analyzerpb.AnalyzerStackConfigureRequest().setOrganization(stack.organization).setProject(stack.project).setStack(stack.stack).setDryRun(stack.dryRun);
        Object.entries(stack.config ?? {}).forEach(([k, v]) => req.getConfigMap().set(k, v));
        Object.entries(stack.tags ?? {}).forEach(([k, v]) => req.getTagsMap().set(k, v));
        await this.unary<analyzerpb.AnalyzerStackConfigureResponse>(cb => this.client.configureStack(req, cb));
    }

    /**
     * `Handshake`, the engine's first call (docs/engine-protocol.md §2). @pulumi/policy does not implement
     * it (the language host's proxy answers it in front of the pack), and the engine carries on when an
     * analyzer answers UNIMPLEMENTED. True when the pack answered it.
     */
    public handshake(directory: string): Promise<boolean> {
        const req = new analyzerpb.AnalyzerHandshakeRequest().setEngineAddress("127.0.0.1:0").setRootDirectory(directory).setProgramDirectory(directory);
        return new Promise((resolve, reject) => {
            this.client.handshake(req, err => (!err ? resolve(true) : err.code === grpc.status.UNIMPLEMENTED ? resolve(false) : reject(new Error(err.details || err.message))));
        });
    }

    /**
     * `Analyze`, `Remediate` or `AnalyzeStack` with a request already encoded (what the engine's Go client puts
     * on the wire), so that this process's encoding is no part of the call's time. Answers the diagnostics, as
     * {@link analyze} and {@link analyzeStack} do, or for `Remediate` the remediations' policies.
     */
    public async encoded(method: "analyze" | "remediate" | "analyzeStack", request: Buffer, urn?: string): Promise<Diagnostic[] | string[]> {
        const call = <T>(def: { path: string; responseDeserialize: (bytes: Buffer) => T }) =>
            this.unary<T>(cb => this.client.makeUnaryRequest(def.path, (b: Buffer) => b, def.responseDeserialize, request, (err, res) => cb(err, res as T)));
        if (method === "remediate") {
            return (await call(analyzerrpc.AnalyzerService.remediate)).getRemediationsList().map(r => r.getPolicyname());
        }
        const res = await call(analyzerrpc.AnalyzerService[method]);
        return res.getDiagnosticsList().map(d => fromDiagnostic(d, urn));
    }

    /** `GetPluginInfo`: the version of @pulumi/policy serving the pack. */
    public async getPluginVersion(): Promise<string> {
        return (await this.unary<{ getVersion(): string }>(cb => this.client.getPluginInfo(new Empty(), cb))).getVersion();
    }

    /** `GetAnalyzerInfo`: the pack, its policies, levels and config schemas. */
    public async getAnalyzerInfo(): Promise<AnalyzerInfo> {
        return fromAnalyzerInfo(await this.unary<analyzerpb.AnalyzerInfo>(cb => this.client.getAnalyzerInfo(new Empty(), cb)));
    }

    /** Reconciles `file` as the engine does (throws on schema errors), sends `Configure`, returns what was sent. */
    public async configure(file?: PolicyPackConfigFile): Promise<Record<string, PolicyConfig>> {
        const config = reconcileConfig(await this.getAnalyzerInfo(), file);
        if (Object.keys(config).length === 0) {
            return config; // the engine skips Configure when there is nothing to send
        }
        const req = new analyzerpb.ConfigureAnalyzerRequest();
        for (const [name, c] of Object.entries(config)) {
            if (c.enforcementLevel === "") {
                throw new Error(`invalid enforcement level ""`);
            }
            req.getPolicyconfigMap().set(name, new analyzerpb.PolicyConfig().setEnforcementlevel(levelToProto(c.enforcementLevel)).setProperties(toStruct(c.properties ?? {})));
        }
        await this.unary<Empty>(cb => this.client.configure(req, cb));
        return config;
    }

    /** `Analyze` one resource (its inputs); diagnostics are attributed to it, as the engine does. */
    public async analyze(resource: EngineResource): Promise<Diagnostic[]> {
        const res = await this.unary<analyzerpb.AnalyzeResponse>(cb => this.client.analyze(toAnalyzeRequest(resource), cb));
        return res.getDiagnosticsList().map(d => fromDiagnostic(d, resource.urn));
    }

    /** `AnalyzeStack` over every resource (their outputs). */
    public async analyzeStack(resources: readonly EngineResource[]): Promise<Diagnostic[]> {
        const req = new analyzerpb.AnalyzeStackRequest().setResourcesList(resources.map(toAnalyzerResource));
        const res = await this.unary<analyzerpb.AnalyzeResponse>(cb => this.client.analyzeStack(req, cb));
        return res.getDiagnosticsList().map(d => fromDiagnostic(d));
    }

    /** The engine's order for one run: `Analyze` per resource, then `AnalyzeStack`. */
    public async analyzeAll(resources: readonly EngineResource[]): Promise<Diagnostic[]> {
        const out: Diagnostic[] = [];
        for (const r of resources) {
            out.push(...(await this.analyze(r)));
        }
        return [...out, ...(await this.analyzeStack(resources))];
    }

    /** Closes the channel and ends the pack process. */
    public async close(): Promise<void> {
        this.client.close();
        const child = this.pack.child;
        if (child.exitCode === null && child.signalCode === null) {
            const exited = new Promise(resolve => child.once("exit", resolve));
            child.kill("SIGTERM");
            await exited;
        }
    }

    private unary<T>(call: (cb: Callback<T>) => unknown): Promise<T> {
        return new Promise((resolve, reject) => {
            call((err, res) => (err ? reject(new Error(err.details || err.message)) : resolve(res)));
        });
    }
}
