/** A feature gate's stage as pkg/features/kube_features.go declares it. */
export type GateStageName = 'alpha' | 'beta' | 'ga' | 'deprecated';

/** One minor's state of a gate: [stage, default-on (1) or off (0)]; null when the gate is not declared in that minor. */
export type GateCell = [GateStageName, 0 | 1] | null;

/** Facts of one field of a schema type, as scripts/generate-versions.mjs derives them. */
export interface FieldFactsData {
  /** First minor whose k8s.io/api types.go has the JSON field; absent = before the first minor covered. */
  since?: number;
  /** Feature gate whose off state makes PrepareForCreate drop the field (dropDisabled* functions). */
  gate?: string;
  /** The gate's name before a rename (UserNamespacesStatelessPodsSupport → UserNamespacesSupport), used where `gate` is not declared. */
  formerGate?: string;
  /** Last minor that has the field (an alpha field later replaced); absent = still in the newest. */
  until?: number;
  /** Per parent field ('initContainers', 'containers'): the gate that drops the field there instead. */
  via?: Record<string, { gate?: string }>;
}

/** What scripts/generate-versions.mjs writes (server/src/core/versions/data.ts). */
export interface VersionsData {
  source: string;
  minMinor: number;
  maxMinor: number;
  /** gate → one cell per minor from minMinor to maxMinor. */
  gates: Record<string, GateCell[]>;
  /** schema type name ('PodSpec', 'Container', 'JobSpec') → JSON field name → facts. */
  fields: Record<string, Record<string, FieldFactsData>>;
}
