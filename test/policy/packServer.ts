/**
 * Start the policy pack as its own process exactly as the Pulumi Node.js
 * language host does, and talk to it over the Analyzer gRPC protocol with the
 * stubs shipped in `@pulumi/pulumi/proto`.
 *
 * How the language host starts it (pulumi-language-nodejs `RunPlugin`, kind
 * analyzer, as used by pulumi 3.248 `NewPolicyAnalyzer`):
 *   node <resolved @pulumi/pulumi/cmd/run-policy-pack> <engine address> <pack dir>
 * with cwd = the pack dir and PULUMI_CONFIG / PULUMI_NODEJS_{ORGANIZATION,
 * PROJECT,STACK,DRY_RUN} in the environment (the legacy
 * `pulumi-analyzer-policy` shim passed `<engine address> .` with the same
 * cwd and env). run-policy-pack drops the engine address (argv[0]) and loads
 * the pack with ts-node; the pack prints its port on stdout.
 *
 * The engine address points at a fake Engine service that records calls, to
 * show what the pack does with it (nothing: the SDK only dials the engine
 * when PULUMI_NODEJS_ENGINE is set, which the host does not set for packs).
 */
import { spawn, type ChildProcess } from "node:child_process";
import { createRequire } from "node:module";
import * as path from "node:path";
import type { EnforcementLevel } from "@pulumi/policy";
import type { Diag, PackConfig, Target } from "./harness";

const ROOT = path.resolve(__dirname, "../..");
export const PACK_DIR = path.join(ROOT, "policy");
// Resolve gRPC and protobuf through @pulumi/pulumi, so the message classes and
// the grpc-js instance are the very ones its generated stubs use.
const sdkRequire = createRequire(path.join(ROOT, "node_modules/@pulumi/pulumi/package.json"));
// The generated protobuf stubs ship without type declarations, hence `any` below.
/* eslint-disable @typescript-eslint/no-require-imports, @typescript-eslint/no-explicit-any */
const grpc = sdkRequire("@grpc/grpc-js") as typeof import("@grpc/grpc-js");
const analyzerRpc = sdkRequire("./proto/analyzer_grpc_pb.js") as any;
const analyzerPb = sdkRequire("./proto/analyzer_pb.js") as any;
const engineRpc = sdkRequire("./proto/engine_grpc_pb.js") as any;
const pluginPb = sdkRequire("./proto/plugin_pb.js") as any;
const structPb = sdkRequire("google-protobuf/google/protobuf/struct_pb.js") as any;
const emptyPb = sdkRequire("google-protobuf/google/protobuf/empty_pb.js") as any;
/* eslint-enable */

/** The exact command line used (for the report and the README). */
export const RUN_POLICY_PACK = sdkRequire.resolve("./cmd/run-policy-pack/index.js");

const LEVELS: Record<number, EnforcementLevel> = { 0: "advisory", 1: "mandatory", 2: "disabled", 3: "remediate" };
const LEVEL_ENUM: Record<EnforcementLevel, number> = { advisory: 0, mandatory: 1, disabled: 2, remediate: 3 };

/** A diagnostic as it comes over the wire. */
export interface WireDiag extends Diag {
  policyPackName: string;
  policyPackVersion: string;
  description: string;
  urn: string;
}

export interface AnalyzeResult {
  diagnostics: WireDiag[];
  notApplicable: { policyName: string; reason: string }[];
}

type Call = (req: unknown, cb: (err: Error | null, res: any) => void) => void; // eslint-disable-line @typescript-eslint/no-explicit-any

export class PackProcess {
  readonly engineCalls: string[] = [];
  stderr = "";
  port = 0;
  private child?: ChildProcess;
  private engine?: import("@grpc/grpc-js").Server;
  private client?: any; // eslint-disable-line @typescript-eslint/no-explicit-any
  argv: string[] = [];
  env: Record<string, string> = {};

  /** Start the fake engine, then the pack; resolves once the pack printed its port. */
  async start(timeoutMs = 90_000): Promise<void> {
    const engine = new grpc.Server();
    const record = (name: string): import("@grpc/grpc-js").UntypedHandleCall =>
      ((_call: unknown, cb: (e: unknown, r?: unknown) => void) => {
        this.engineCalls.push(name);
        cb(null, new emptyPb.Empty());
      }) as import("@grpc/grpc-js").UntypedHandleCall;
    engine.addService(engineRpc.EngineService, {
      log: record("Log"),
      getRootResource: record("GetRootResource"),
      setRootResource: record("SetRootResource"),
      startDebugging: record("StartDebugging"),
      requirePulumiVersion: record("RequirePulumiVersion"),
    });
    const enginePort = await new Promise<number>((resolve, reject) =>
      engine.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (e, p) => (e ? reject(e) : resolve(p))),
    );
    this.engine = engine;

    this.argv = [RUN_POLICY_PACK, `127.0.0.1:${enginePort}`, PACK_DIR];
    this.env = {
      PULUMI_CONFIG: JSON.stringify({ "ironflow-policy-test:greeting": "hello" }),
      PULUMI_NODEJS_ORGANIZATION: "organization",
      PULUMI_NODEJS_PROJECT: "ironflow-policy-test",
      PULUMI_NODEJS_STACK: "dev",
      PULUMI_NODEJS_DRY_RUN: "true",
    };
    const child = spawn(process.execPath, this.argv, {
      cwd: PACK_DIR,
      env: { ...process.env, ...this.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    this.child = child;
    child.stderr!.on("data", (b: Buffer) => (this.stderr += b.toString()));
    this.port = await new Promise<number>((resolve, reject) => {
      let out = "";
      const timer = setTimeout(() => reject(new Error(`pack did not print a port in ${timeoutMs} ms; stderr:\n${this.stderr}`)), timeoutMs);
      child.stdout!.on("data", (b: Buffer) => {
        out += b.toString();
        const line = out.split("\n")[0];
        if (out.includes("\n") && line && /^\d+$/.test(line.trim())) {
          clearTimeout(timer);
          resolve(Number(line.trim()));
        }
      });
      child.on("exit", (code) => {
        clearTimeout(timer);
        reject(new Error(`pack exited with ${code} before printing a port; stderr:\n${this.stderr}`));
      });
    });
    this.client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${this.port}`, grpc.credentials.createInsecure());
  }

  async stop(): Promise<void> {
    this.client?.close();
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      await new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
        setTimeout(() => {
          if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
        }, 5_000).unref();
      });
    }
    await new Promise<void>((resolve) => (this.engine ? this.engine.tryShutdown(() => resolve()) : resolve()));
  }

  private call<T>(method: string, req: unknown): Promise<T> {
    return new Promise((resolve, reject) =>
      (this.client[method] as Call).call(this.client, req, (err, res) => (err ? reject(err) : resolve(res as T))),
    );
  }

  /** `GetAnalyzerInfo` as plain data. */
  async getAnalyzerInfo(): Promise<{
    name: string;
    version: string;
    supportsConfig: boolean;
    description: string;
    policies: { name: string; description: string; enforcementLevel: EnforcementLevel; configSchema?: Record<string, unknown>; remediationSteps: string; policyType: number }[];
  }> {
    const info = await this.call<any>("getAnalyzerInfo", new emptyPb.Empty()); // eslint-disable-line @typescript-eslint/no-explicit-any
    return {
      name: info.getName(),
      version: info.getVersion(),
      supportsConfig: info.getSupportsconfig(),
      description: info.getDescription(),
      policies: info.getPoliciesList().map((p: any) => ({ // eslint-disable-line @typescript-eslint/no-explicit-any
        name: p.getName(),
        description: p.getDescription(),
        enforcementLevel: LEVELS[p.getEnforcementlevel()]!,
        configSchema: p.getConfigschema()?.getProperties()?.toJavaScript(),
        remediationSteps: p.getRemediationSteps(),
        policyType: p.getPolicyType(),
      })),
    };
  }

  async getPluginInfo(): Promise<string> {
    const r = await this.call<any>("getPluginInfo", new emptyPb.Empty()); // eslint-disable-line @typescript-eslint/no-explicit-any
    void pluginPb;
    return r.getVersion();
  }

  /** `Handshake`, as the engine tries first (the Node SDK does not implement it). */
  async handshake(): Promise<unknown> {
    const req = new analyzerPb.AnalyzerHandshakeRequest();
    req.setEngineAddress("127.0.0.1:1");
    req.setRootDirectory(PACK_DIR);
    req.setProgramDirectory(PACK_DIR);
    return this.call("handshake", req);
  }

  /** `ConfigureStack`, as the engine sends right after start. */
  async configureStack(): Promise<void> {
    const req = new analyzerPb.AnalyzerStackConfigureRequest();
    req.setStack("dev");
    req.setProject("ironflow-policy-test");
    req.setOrganization("organization");
    req.setDryRun(true);
    await this.call("configureStack", req);
  }

  private info?: Awaited<ReturnType<PackProcess["getAnalyzerInfo"]>>;

  /**
   * What the engine sends to `Configure` for a `--policy-pack-config` file:
   * pulumi 3.248 `ReconcilePolicyPackConfig` (pkg/resource/analyzer/config.go)
   * starts from every policy's default level and schema `default`s, applies
   * `"all"`, then each policy's entry, and `Configure`s every policy, always
   * with a level. (A `PolicyConfig` without a level would decode as ADVISORY,
   * enum 0, and silently downgrade a mandatory policy.)
   */
  async engineConfig(file: PackConfig): Promise<Record<string, { enforcementLevel: EnforcementLevel; properties: Record<string, unknown> }>> {
    this.info ??= await this.getAnalyzerInfo();
    const out: Record<string, { enforcementLevel: EnforcementLevel; properties: Record<string, unknown> }> = {};
    for (const p of this.info.policies) {
      const props: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(p.configSchema ?? {})) {
        if (v && typeof v === "object" && "default" in v) props[k] = (v as { default: unknown }).default;
      }
      out[p.name] = { enforcementLevel: p.enforcementLevel, properties: props };
    }
    const all = (file as Record<string, unknown>)["all"];
    if (typeof all === "string") for (const v of Object.values(out)) v.enforcementLevel = all as EnforcementLevel;
    for (const [name, entry] of Object.entries(file)) {
      if (name === "all" || typeof entry !== "object") continue;
      const { enforcementLevel, ...props } = entry;
      const cur = (out[name] ??= { enforcementLevel: "advisory", properties: {} });
      if (enforcementLevel) cur.enforcementLevel = enforcementLevel;
      Object.assign(cur.properties, props);
    }
    return out;
  }

  /** `Configure` as the engine does for a `--policy-pack-config` file with this content. */
  async configure(file: PackConfig): Promise<void> {
    const req = new analyzerPb.ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    for (const [name, c] of Object.entries(await this.engineConfig(file))) {
      const pc = new analyzerPb.PolicyConfig();
      pc.setEnforcementlevel(LEVEL_ENUM[c.enforcementLevel]);
      pc.setProperties(structPb.Struct.fromJavaScript(c.properties));
      map.set(name, pc);
    }
    await this.call("configure", req);
  }

  /** `Configure` with raw `PolicyConfig` messages, level optional (to show the enum-0 pitfall). */
  async configureRaw(config: Record<string, { enforcementLevel?: EnforcementLevel; properties?: Record<string, unknown> }>): Promise<void> {
    const req = new analyzerPb.ConfigureAnalyzerRequest();
    const map = req.getPolicyconfigMap();
    for (const [name, c] of Object.entries(config)) {
      const pc = new analyzerPb.PolicyConfig();
      if (c.enforcementLevel) pc.setEnforcementlevel(LEVEL_ENUM[c.enforcementLevel]);
      pc.setProperties(structPb.Struct.fromJavaScript(c.properties ?? {}));
      map.set(name, pc);
    }
    await this.call("configure", req);
  }

  private resource(msg: any, t: Target): void { // eslint-disable-line @typescript-eslint/no-explicit-any
    msg.setType(t.type);
    msg.setUrn(t.urn);
    msg.setName(t.name);
    // The wire drops `undefined`; JSON round-trip first, as the engine's marshalling does.
    msg.setProperties(structPb.Struct.fromJavaScript(JSON.parse(JSON.stringify(t.props))));
    const opts = new analyzerPb.AnalyzerResourceOptions();
    if (t.parent) opts.setParent(t.parent);
    const ct = new analyzerPb.AnalyzerResourceOptions.CustomTimeouts();
    opts.setCustomtimeouts(ct);
    msg.setOptions(opts);
  }

  /** `Analyze` one resource. */
  async analyze(t: Target): Promise<AnalyzeResult> {
    const req = new analyzerPb.AnalyzeRequest();
    this.resource(req, t);
    return toResult(await this.call<any>("analyze", req)); // eslint-disable-line @typescript-eslint/no-explicit-any
  }

  /** `AnalyzeStack` over several resources (parents given by `Target.parent`). */
  async analyzeStack(targets: Target[]): Promise<AnalyzeResult> {
    const req = new analyzerPb.AnalyzeStackRequest();
    req.setResourcesList(
      targets.map((t) => {
        const r = new analyzerPb.AnalyzerResource();
        this.resource(r, t);
        if (t.parent) r.setParent(t.parent);
        return r;
      }),
    );
    return toResult(await this.call<any>("analyzeStack", req)); // eslint-disable-line @typescript-eslint/no-explicit-any
  }
}

function toResult(res: any): AnalyzeResult { // eslint-disable-line @typescript-eslint/no-explicit-any
  return {
    diagnostics: res.getDiagnosticsList().map((d: any) => ({ // eslint-disable-line @typescript-eslint/no-explicit-any
      policyName: d.getPolicyname(),
      policyPackName: d.getPolicypackname(),
      policyPackVersion: d.getPolicypackversion(),
      description: d.getDescription(),
      message: d.getMessage(),
      enforcementLevel: LEVELS[d.getEnforcementlevel()]!,
      urn: d.getUrn(),
    })),
    notApplicable: res.getNotApplicableList().map((n: any) => ({ policyName: n.getPolicyName(), reason: n.getReason() })), // eslint-disable-line @typescript-eslint/no-explicit-any
  };
}
