/**
 * Reading a `kubernetes:core/v1:Pod`'s props (the provider's checked inputs,
 * wrapped in the runtime's unknown-checking proxy) and naming things in
 * messages. Every read goes through an {@link UnknownTracker}.
 */
import type { ReportViolation, ResourceValidationArgs, ResourceValidationPolicy } from "@pulumi/policy";
import { POD_TYPE } from "../../components/names";
import { UnknownTracker } from "./unknowns";

/** Props as the policy sees them: plain JSON, possibly proxied. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type Props = Record<string, any>;

/** Which list of the pod spec a container comes from. */
export type ContainerKind = "containers" | "initContainers" | "ephemeralContainers";

/** One container of a pod, with where it lives in the spec. */
export interface ContainerRef {
  kind: ContainerKind;
  index: number;
  /** `metadata`-style name, or `#<index>` when the name is missing or unknown. */
  name: string;
  /** Spec path, e.g. `spec.initContainers[0]`. */
  path: string;
  /** The container object (proxied). */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- untyped provider props behind the unknown-checking proxy; every read is checked by the caller
  c: any;
}

const KIND_LABEL: Record<ContainerKind, string> = {
  containers: "container",
  initContainers: "init container",
  ephemeralContainers: "ephemeral container",
};

/** `container 'claude-code'` / `init container 'ironflow-input-fetch'`. */
export function containerLabel(ref: ContainerRef): string {
  return `${KIND_LABEL[ref.kind]} '${ref.name}'`;
}

export function isObject(v: unknown): v is Props {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

/** Length of an array-like value, 0 when it is not an array. */
export function arrayLength(v: unknown): number {
  return Array.isArray(v) ? v.length : 0;
}

/** The pod spec, or undefined when absent (unknown is recorded). */
export function podSpec(props: Props, t: UnknownTracker): Props | undefined {
  const spec = t.value(() => props.spec, undefined);
  return isObject(spec) ? spec : undefined;
}

/** Every container of the pod: containers, then initContainers, then ephemeralContainers. */
export function listContainers(props: Props, t: UnknownTracker): ContainerRef[] {
  const spec = podSpec(props, t);
  if (!spec) return [];
  const out: ContainerRef[] = [];
  for (const kind of ["containers", "initContainers", "ephemeralContainers"] as const) {
    const list = t.value(() => spec[kind], undefined);
    const n = arrayLength(list);
    for (let i = 0; i < n; i++) {
      const c = t.value(() => list[i], undefined);
      if (!isObject(c)) continue;
      const name = t.value(() => c.name, undefined);
      out.push({
        kind,
        index: i,
        name: typeof name === "string" && name !== "" ? name : `#${i}`,
        path: `spec.${kind}[${i}]`,
        c,
      });
    }
  }
  return out;
}

/** The pod's labels as a plain record (unknown labels object is recorded and gives `{}`). */
export function podLabels(props: Props, t: UnknownTracker): Props {
  const metadata = t.value(() => props.metadata, undefined);
  if (!isObject(metadata)) return {};
  const labels = t.value(() => metadata.labels, undefined);
  return isObject(labels) ? labels : {};
}

/**
 * How messages name the resource: its Pulumi (URN) name, plus `metadata.name`
 * when that is known and differs (autonamed pods get a suffix).
 */
export function describePod(args: Pick<ResourceValidationArgs, "name">, props: Props): string {
  const t = new UnknownTracker(); // naming never makes a policy fail
  const metadata = t.value(() => props.metadata, undefined);
  const metaName = isObject(metadata) ? t.value(() => metadata.name, undefined) : undefined;
  const ns = isObject(metadata) ? t.value(() => metadata.namespace, undefined) : undefined;
  let s = `Pod '${args.name}'`;
  const extra: string[] = [];
  if (typeof metaName === "string" && metaName !== args.name) extra.push(`metadata.name '${metaName}'`);
  if (typeof ns === "string" && ns !== "") extra.push(`namespace '${ns}'`);
  if (extra.length > 0) s += ` (${extra.join(", ")})`;
  return s;
}

/** Render a found value for a message (strings quoted, absent as "unset"). */
export function show(v: unknown): string {
  if (v === undefined || v === null) return "unset";
  if (typeof v === "string") return `'${v}'`;
  return JSON.stringify(v);
}

/** A resource validation that only runs for `kubernetes:core/v1:Pod`. */
export type PodValidation = (props: Props, args: ResourceValidationArgs, report: ReportViolation) => void;

/**
 * Like `validateResourceOfType(k8s.core.v1.Pod, ...)` without importing
 * `@pulumi/kubernetes` into the pack: the function carries `__pulumiType`, so
 * the server skips other types before deserializing their props, and anything
 * else is reported "not applicable".
 */
export function validatePod(fn: PodValidation): NonNullable<ResourceValidationPolicy["validateResource"]> {
  const validate = (args: ResourceValidationArgs, report: ReportViolation): void => {
    if (args.type !== POD_TYPE) {
      args.notApplicable(`Policy only applies to resources of type '${POD_TYPE}'`);
      return;
    }
    fn(args.props, args, report);
  };
  (validate as unknown as { __pulumiType: string }).__pulumiType = POD_TYPE;
  return validate;
}
