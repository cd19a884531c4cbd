// A dependency-free description of JSON shapes: the hosted app (which may import only the Slack SDK and shared/)
// takes its types from it with `Infer`, and the bridge turns it into valibot schemas that validate at run time
// (bridge/api/to-valibot.ts). Only what the bridge API's contract uses.

/** `expects` finishes "must be …" in an error (`"a Slack channel id"`); each kind has a default. */
interface Described {
  readonly expects?: string;
}

export interface StringSchema extends Described {
  readonly kind: "string";
  readonly pattern?: RegExp;
  readonly maxLength?: number;
}
export interface PicklistSchema<T extends string = string> extends Described {
  readonly kind: "picklist";
  readonly options: readonly T[];
}
export interface BooleanSchema extends Described {
  readonly kind: "boolean";
}
export interface NumberSchema extends Described {
  readonly kind: "number";
  readonly integer?: boolean;
  readonly min?: number;
}
export interface ArraySchema<S extends Schema = Schema> extends Described {
  readonly kind: "array";
  readonly item: S;
  /** Repeated items are dropped (a set sent as a list). */
  readonly unique?: boolean;
}
/** May be null; with `missingIsNull`, an absent key reads as null. */
export interface NullableSchema<S extends Schema = Schema> extends Described {
  readonly kind: "nullable";
  readonly inner: S;
  readonly missingIsNull?: boolean;
}
/** An object entry that may be absent. */
export interface OptionalSchema<S extends Schema = Schema> extends Described {
  readonly kind: "optional";
  readonly inner: S;
}
export type Entries = { readonly [key: string]: Schema };
/** Unknown keys are dropped. `exactlyOne` names keys of which one, and only one, must be present. */
export interface ObjectSchema<E extends Entries = Entries> extends Described {
  readonly kind: "object";
  readonly entries: E;
}
export interface ExclusiveObjectSchema<
  E extends Entries = Entries,
  K extends keyof E & string = keyof E & string,
> extends ObjectSchema<E> {
  readonly exactlyOne: readonly K[];
}

export type Schema =
  | StringSchema
  | PicklistSchema
  | BooleanSchema
  | NumberSchema
  | ArraySchema
  | NullableSchema
  | OptionalSchema
  | ObjectSchema
  | ExclusiveObjectSchema;

export const string = (
  options: Omit<StringSchema, "kind"> = {},
): StringSchema => ({ kind: "string", ...options });
export const picklist = <const T extends string>(
  options: readonly T[],
  described: Described = {},
): PicklistSchema<T> => ({ kind: "picklist", options, ...described });
export const boolean = (described: Described = {}): BooleanSchema => ({
  kind: "boolean",
  ...described,
});
export const number = (
  options: Omit<NumberSchema, "kind"> = {},
): NumberSchema => ({ kind: "number", ...options });
export const array = <S extends Schema>(
  item: S,
  options: Omit<ArraySchema, "kind" | "item"> = {},
): ArraySchema<S> => ({ kind: "array", item, ...options });
export const nullable = <S extends Schema>(
  inner: S,
  options: Omit<NullableSchema, "kind" | "inner"> = {},
): NullableSchema<S> => ({ kind: "nullable", inner, ...options });
export const optional = <S extends Schema>(inner: S): OptionalSchema<S> => ({
  kind: "optional",
  inner,
});
export function object<const E extends Entries>(
  entries: E,
  described?: Described,
): ObjectSchema<E>;
export function object<
  const E extends Entries,
  const K extends keyof E & string,
>(
  entries: E,
  options: Described & { exactlyOne: readonly K[] },
): ExclusiveObjectSchema<E, K>;
export function object(
  entries: Entries,
  options: Described & { exactlyOne?: readonly string[] } = {},
): ObjectSchema | ExclusiveObjectSchema {
  return { kind: "object", entries, ...options };
}

type Simplify<T> = { [K in keyof T]: T[K] } & unknown;
type OptionalKeys<E> = {
  [K in keyof E]: E[K] extends OptionalSchema ? K : never;
}[keyof E];
type InferEntries<E extends Entries> = Simplify<
  & { -readonly [K in Exclude<keyof E, OptionalKeys<E>>]: Infer<E[K]> }
  & { -readonly [K in OptionalKeys<E>]?: Infer<E[K]> }
>;
/** One key of K present, the others absent. */
type ExactlyOne<T, K extends keyof T> = {
  [P in K]-?: Simplify<
    & Omit<T, K>
    & { [Q in P]-?: Exclude<T[Q], undefined> }
    & { [Q in Exclude<K, P>]?: never }
  >;
}[K];

/** The value a schema accepts, after validation (`missingIsNull` keys present, as null). */
export type Infer<S> =
  // Any schema at all (a table of them) accepts something unknown.
  Schema extends S ? unknown
    : S extends StringSchema ? string
    : S extends PicklistSchema<infer T> ? T
    : S extends BooleanSchema ? boolean
    : S extends NumberSchema ? number
    : S extends ArraySchema<infer I> ? Infer<I>[]
    : S extends NullableSchema<infer I> ? Infer<I> | null
    : S extends OptionalSchema<infer I> ? Infer<I>
    : S extends ExclusiveObjectSchema<infer E, infer K>
      ? ExactlyOne<InferEntries<E>, K & keyof InferEntries<E>>
    : S extends ObjectSchema<infer E> ? InferEntries<E>
    : never;
