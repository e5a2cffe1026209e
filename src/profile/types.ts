/** What a layer is for; it decides where the front-matter picks it. */
export type LayerKind = 'base' | 'language' | 'framework' | 'package_manager' | 'unit_tests' | 'assets_generator' | 'ci';

/** A folder under profiles/ that a stack stacks up. */
export interface Layer {
  /** `python/flask`: the folder path under profiles/, also how users name it. */
  name: string;
  dir: string;
  kind: LayerKind;
  /**
   * `defaults:` of layer.yaml: for a dimension (a layer kind) the layer leaves open, the layer
   * that fills it when neither `--stack` nor the front-matter names one; `null` when the
   * dimension must be named (no default). The place of each key is for messages.
   */
  defaults?: Map<LayerKind, { layer: string | null; line: number; column: number }>;
}

/** The ordered layers that make one stack; `slug` names its output folder. */
export interface Stack {
  slug: string;
  layers: Layer[];
  /** The profiles folder every read of this stack is confined to (profile/confine.ts). */
  profilesDir: string;
}

/** Where a value or file came from: layer, file and the line of the key. */
export interface Origin {
  layer: string;
  file: string;
  line?: number;
  column?: number;
}

export type Values = Record<string, unknown>;

/** A template file of a layer, to be rendered into one or both builders' trees. */
export interface ExampleSource {
  chapter: string;
  /** `common` goes to both trees. */
  variant: 'common' | 'stapel' | 'dockerfile';
  /** Path inside the tree, e.g. `.helm/templates/deployment.yaml`. */
  path: string;
  file: string;
  layer: string;
}

/** A layer read from disk. Sections and examples are listed here and read when used. */
export interface LoadedLayer extends Layer {
  values: Values;
  /** Dotted key path → position of the key in values.yaml. */
  valuePositions: Map<string, { line: number; column: number }>;
  valuesFile: string;
  sections: Map<string, string>;
  examples: ExampleSource[];
  deny: string[];
  denyAllowed: DenyAllowance[];
}

/**
 * Words of a layer's deny list that the holes whose id starts with `holes` may use (deny.yaml
 * `allow:`): a chapter that brings in another language on purpose names it there.
 */
export interface DenyAllowance {
  holes: string;
  words: string[];
}

/** All layers merged: the winning values and, for each key path, who set it (last wins). */
export interface Profile {
  stack: Stack;
  values: Values;
  provenance: Map<string, Origin[]>;
  sections: Map<string, Origin[]>;
  examples: ExampleSource[];
  deny: string[];
  /** Absent in a profile built by hand (tests): nothing is allowed. */
  denyAllowed?: DenyAllowance[];
  layers: LoadedLayer[];
}
