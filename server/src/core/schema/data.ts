import type { WorkloadKind } from '../model/workloadFile';

/** The kind of value a field holds, as the API server decodes it. */
export type FieldType = 'object' | 'array' | 'map' | 'string' | 'integer' | 'number' | 'boolean' | 'int-or-string' | 'quantity' | 'date-time' | 'any';

/** The shape of a value: a field's, a list item's or a map value's. */
export interface FieldShape {
  type: FieldType;
  /** int32, int64, byte, date-time… */
  format?: string;
  /** The object type, for type 'object'. */
  ref?: string;
  /** Valid values, for an enum string. */
  enum?: string[];
  /** Set when the server rejects "" for this enum (not defaulted): the field.Error type it answers. */
  emptyRejected?: 'Required' | 'NotSupported' | 'Invalid';
  /** The items, for type 'array'. */
  items?: FieldShape;
  /** The values, for type 'map' (keys are free-form strings). */
  values?: FieldShape;
}

export interface FieldInfo extends FieldShape {
  name: string;
  description?: string;
  /** Listed as required by the API (and not filled by defaulting). */
  required: boolean;
}

/** An object type by its Kubernetes name ('PodSpec', 'Container'…). */
export interface TypeInfo {
  name: string;
  description?: string;
  fields: FieldInfo[];
}

/** What scripts/generate-schema.mjs writes. */
export interface SchemaData {
  source: string;
  roots: Record<WorkloadKind, string>;
  types: Record<string, TypeInfo>;
}
