/**
 * `ironflow-pinned-images` (advisory): no `:latest` and no untagged images
 * (untagged means `:latest`) in any container of a runner pod; optionally a
 * digest on every image and only allowed registry prefixes. An image pinned
 * by digest passes the tag check whatever its tag.
 */
import { definePodPolicy } from "../lib/define";
import { isValidDigest, matchesRegistryPrefix, parseImageRef } from "../lib/image";
import { containerLabel, listContainers, show } from "../lib/pod";
import { SCOPE_SCHEMA, type Scope } from "../lib/runnerPod";

export const PINNED_IMAGES_POLICY = "ironflow-pinned-images";

export interface PinnedImagesConfig {
  /** Every image must carry a digest (`@sha256:...`). */
  requireDigest: boolean;
  /** Allowed registry prefixes, e.g. `ghcr.io/acme/` or `registry.example.com`; empty: any. */
  allowedRegistries: string[];
  scope: Scope;
}

export const pinnedImages = definePodPolicy<PinnedImagesConfig>({
  name: PINNED_IMAGES_POLICY,
  description: "Images of ironflow runner Pods are pinned: no ':latest' or untagged images.",
  enforcementLevel: "advisory",
  scoped: true,
  defaults: { requireDigest: false, allowedRegistries: [], scope: "runner-pods" },
  configSchema: {
    properties: {
      requireDigest: { type: "boolean", default: false, description: "Every image must be pinned by digest (image@sha256:...)." },
      allowedRegistries: {
        type: "array",
        items: { type: "string", minLength: 1 },
        default: [],
        description:
          "Allowed image prefixes (e.g. 'ghcr.io/acme/') or registry hosts (e.g. 'registry.example.com'); matched against the image as written and normalized (docker.io/library/...); empty: any registry.",
      },
      scope: SCOPE_SCHEMA,
    },
  },
  remediationSteps: "Use a fixed tag or, better, a digest (image@sha256:...) for the agent image and inputInitImage.",
  check({ props, config, t, violation }) {
    for (const ref of listContainers(props, t)) {
      const img = t.read(() => ref.c.image);
      if (!img.known) continue;
      const field = `${ref.path}.image`;
      if (typeof img.value !== "string" || img.value.trim() === "") {
        violation(`${containerLabel(ref)} has no image (${field} is ${show(img.value)}), expected a pinned image reference`);
        continue;
      }
      const image = parseImageRef(img.value);
      if (image.digest !== undefined) {
        if (!isValidDigest(image.digest)) {
          violation(`${containerLabel(ref)} image '${image.raw}' (${field}) has a malformed digest, expected '@sha256:' and 64 hex digits`);
        }
      } else if (image.tag === undefined || image.tag === "") {
        violation(`${containerLabel(ref)} image '${image.raw}' (${field}) has no tag (implicitly ':latest'), expected a fixed tag or a digest`);
      } else if (image.tag === "latest") {
        violation(`${containerLabel(ref)} image '${image.raw}' (${field}) uses the ':latest' tag, expected a fixed tag or a digest`);
      }
      if (config.requireDigest && image.digest === undefined) {
        violation(`${containerLabel(ref)} image '${image.raw}' (${field}) is not pinned by digest, expected '<image>@sha256:<digest>' (requireDigest is set)`);
      }
      const allowed = config.allowedRegistries;
      if (allowed.length > 0 && !allowed.some((p) => matchesRegistryPrefix(image, p))) {
        violation(
          `${containerLabel(ref)} image '${image.raw}' (${field}) is not from an allowed registry, expected a prefix in: ${allowed.map((p) => `'${p}'`).join(", ")}`,
        );
      }
    }
  },
});
