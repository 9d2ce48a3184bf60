import * as pulumi from "@pulumi/pulumi";

/** One resource registration as the mock monitor saw it. */
export interface Registered {
  type: string;
  name: string;
  inputs: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- mock inputs are untyped JSON
  provider?: string;
  custom: boolean;
}

/** Install Pulumi mocks that record every registration. Call before importing components. */
export function installMocks(preview = false): Registered[] {
  const registered: Registered[] = [];
  pulumi.runtime.setMocks(
    {
      newResource(args) {
        registered.push({ type: args.type, name: args.name, inputs: args.inputs, provider: args.provider, custom: args.custom ?? false });
        const state = { ...args.inputs };
        if (args.type === "kubernetes:core/v1:Pod" || args.type === "kubernetes:core/v1:Secret") {
          const md = { ...(state.metadata ?? {}) };
          md.name ??= `${args.name}-abcd1234`;
          md.namespace ??= "default";
          state.metadata = md;
        }
        return { id: preview ? "" : `${args.name}-id`, state };
      },
      call() {
        throw new Error("no invokes expected");
      },
    },
    "project",
    "stack",
    preview,
  );
  return registered;
}

/** Resolve an Output in a test (mocks resolve everything). */
export function unwrap<T>(o: pulumi.Output<T>): Promise<T> {
  return new Promise((resolve) => o.apply((v) => resolve(v)));
}

/** Wait until all registrations issued so far have reached the mock monitor. */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

/** How the mock monitor shows a Pulumi secret: the SDK's secret signature around the value. */
export function secretEnvelope(value: unknown): Record<string, unknown> {
  return { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270", value };
}
