/**
 * `#/map/initiatives/<placeId>` opens the map with the partners' initiatives layer on, focused on
 * a place and its popup open (the partners page links each place there). A module of its own so
 * that the partners page links here without loading Leaflet.
 */
export const initiativesHash = (placeId: string) => `#/map/initiatives/${encodeURIComponent(placeId)}`;

export function focusFromHash(hash: string): string | null {
  const m = /^#\/map\/initiatives\/([^/?#]+)/.exec(hash);
  if (!m) return null;
  try {
    return decodeURIComponent(m[1]!);
  } catch {
    return null; // a malformed address focuses nothing
  }
}
