// Right-to-left pseudo-locale for development: every English string is bracketed and wrapped
// in RIGHT-TO-LEFT OVERRIDE … POP DIRECTIONAL FORMATTING, so it renders reversed and the
// layout is mirrored. Untranslated (hard-coded) text stands out because it is not reversed.
// Interpolation placeholders ({{name}}) are kept untouched inside the override.

type Tree = { readonly [key: string]: string | Tree };

const RLO = '\u202E';
const PDF = '\u202C';

export function pseudoRtl<T extends Tree>(source: T): T {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(source)) {
    out[key] = typeof value === 'string' ? `[${RLO}${value}${PDF}]` : pseudoRtl(value);
  }
  return out as T;
}
