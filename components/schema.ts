import { z } from "zod";
import type { ConfigIssue } from "./issues";
import { formatPath } from "./issues";

const str = z.string();
const strRecord = z.record(z.string(), z.string());
const int = z.number().int();
const secretRef = z.strictObject({ name: str, key: str });

/** The shape of a {@link PodConfig}: types only; the rules are in {@link checkPodConfigRules}. */
export const podConfigSchema = z.strictObject({
  name: str.optional(),
  image: str,
  command: z.array(str),
  namespace: str.optional(),
  resources: z.strictObject({ cpuLimit: str.optional(), memoryLimit: str.optional() }).optional(),
  serviceAccount: str.optional(),
  restartPolicy: str.optional(),
  imagePullPolicy: str.optional(),
  env: strRecord.optional(),
  imagePullSecrets: z.array(str).optional(),
  labels: strRecord.optional(),
  volumes: z.array(z.strictObject({ hostPath: str, mountPath: str, readOnly: z.boolean().optional() })).optional(),
  inputs: z
    .array(
      z.strictObject({
        url: str.optional(),
        urlFrom: secretRef.optional(),
        mountPath: str,
        sha256: str.optional(),
        allowHttp: z.boolean().optional(),
        maxBytes: int.optional(),
        mode: str.optional(),
        authHeader: z.strictObject({ header: str.optional(), secretName: str, key: str }).optional(),
      }),
    )
    .optional(),
  inputInitImage: str.optional(),
  clearedEnv: z.array(str).optional(),
  credentialsSecret: secretRef.optional(),
  sandbox: z
    .strictObject({
      runAsUser: int.optional(),
      runAsGroup: int.optional(),
      fsGroup: int.optional(),
      readOnlyRootFilesystem: z.boolean().optional(),
      homeSizeLimit: str.optional(),
      tmpSizeLimit: str.optional(),
    })
    .optional(),
  secretEnv: z.array(z.strictObject({ name: str, secretName: str, key: str })).optional(),
  pvcMounts: z.array(z.strictObject({ claimName: str, mountPath: str, subPath: str.optional() })).optional(),
  readOnlyMounts: z
    .array(
      z.strictObject({
        mountPath: str,
        subPath: str.optional(),
        persistentVolumeClaim: str.optional(),
        configMap: str.optional(),
        secret: str.optional(),
        hostPath: str.optional(),
      }),
    )
    .optional(),
  promptConfigMap: z.strictObject({ configMap: str, mountPath: str.optional() }).optional(),
  managedSettingsConfigMap: str.optional(),
  profileConfigMaps: z.array(str).optional(),
  inputFetchResources: z.strictObject({ cpuLimit: str.optional(), memoryLimit: str.optional() }).optional(),
  inputRetries: int.optional(),
  inputTimeoutSeconds: int.optional(),
  inputVolumeSizeLimit: str.optional(),
  nodeSelector: strRecord.optional(),
  tolerations: z
    .array(
      z.strictObject({
        key: str.optional(),
        operator: str.optional(),
        value: str.optional(),
        effect: str.optional(),
        tolerationSeconds: int.optional(),
      }),
    )
    .optional(),
  runtimeClassName: str.optional(),
  activeDeadlineSeconds: int.optional(),
  annotations: strRecord.optional(),
  egressProfile: str.optional(),
});

/** Turn zod's type issues into ours. Zod messages never include the input value. */
export function zodIssues(error: z.ZodError): ConfigIssue[] {
  return error.issues.map((i) => ({ path: formatPath(i.path), message: i.message }));
}

