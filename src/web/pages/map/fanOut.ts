/** A marker's position on screen (pixels). */
export interface ScreenPoint {
  x: number;
  y: number;
}

/**
 * Markers closer than `near` pixels on screen form a crowd; the members of a crowd of k > 1 are
 * moved onto a circle around the crowd's centre so that each can be seen and clicked (four BLOs
 * sit exactly on their crossing points). A fanned-out member that lands on another marker pulls
 * that marker into its crowd, and the crowd is fanned again, until no two markers of different
 * crowds are closer than `spacing`. Returns each marker's pixel offset ({0,0} when alone).
 * The circle's radius grows with k so that neighbours are at least `spacing` pixels apart.
 * Pure: the map calls it again after every zoom.
 */
export function fanOut(points: readonly ScreenPoint[], near = 12, spacing = 16): ScreenPoint[] {
  const n = points.length;
  const parent = points.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i]!)));
  const union = (a: number, b: number) => {
    const ra = find(a);
    const rb = find(b);
    if (ra === rb) return false;
    parent[Math.max(ra, rb)] = Math.min(ra, rb);
    return true;
  };
  for (let i = 0; i < n; i++)
    for (let j = i + 1; j < n; j++) if (Math.hypot(points[i]!.x - points[j]!.x, points[i]!.y - points[j]!.y) < near) union(i, j);

  let offsets: ScreenPoint[] = [];
  for (let round = 0; round <= n; round++) {
    offsets = place(points, find, spacing);
    const at = (i: number) => ({ x: points[i]!.x + offsets[i]!.x, y: points[i]!.y + offsets[i]!.y });
    let merged = false;
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++) {
        if (find(i) === find(j)) continue;
        const a = at(i);
        const b = at(j);
        if (Math.hypot(a.x - b.x, a.y - b.y) < spacing) merged = union(i, j) || merged;
      }
    if (!merged) break;
  }
  return offsets;
}

function place(points: readonly ScreenPoint[], crowdOf: (i: number) => number, spacing: number): ScreenPoint[] {
  const crowds = new Map<number, number[]>();
  points.forEach((_, i) => {
    const c = crowdOf(i);
    crowds.set(c, [...(crowds.get(c) ?? []), i]);
  });
  const offsets = points.map(() => ({ x: 0, y: 0 }));
  for (const members of crowds.values()) {
    const k = members.length;
    if (k < 2) continue;
    const cx = members.reduce((s, i) => s + points[i]!.x, 0) / k;
    const cy = members.reduce((s, i) => s + points[i]!.y, 0) / k;
    // chord between neighbours on the circle = 2 r sin(π/k) ≥ spacing
    const radius = Math.max(spacing / (2 * Math.sin(Math.PI / k)), spacing * 0.75);
    // a stable order (by original position): a crowd fans out the same way at every zoom
    const ordered = [...members].sort((a, b) => points[a]!.x - points[b]!.x || points[a]!.y - points[b]!.y || a - b);
    ordered.forEach((idx, m) => {
      const angle = -Math.PI / 2 + (2 * Math.PI * m) / k;
      const p = points[idx]!;
      offsets[idx] = { x: cx + radius * Math.cos(angle) - p.x, y: cy + radius * Math.sin(angle) - p.y };
    });
  }
  return offsets;
}
