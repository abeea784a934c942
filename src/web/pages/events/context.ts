import { createContext, useContext } from 'react';
import type { EventFeature } from './model.ts';
import type { BBox } from './cluster.ts';

export interface Picture {
  /** the events that match the filters (located or not) */
  events: EventFeature[];
  selectedId: string | null;
  select: (id: string | null) => void;
  /** the map's view, kept by the events layer */
  view: BBox | null;
  setView: (b: BBox) => void;
  /** events located in the view (the clusters add up to this) */
  inView: number;
  setInView: (n: number) => void;
  /** while the report form waits for a click on the map */
  picking: boolean;
  picked: (lat: number, lon: number) => void;
  pickedAt: { lat: number; lon: number } | null;
}

export const PictureContext = createContext<Picture | null>(null);

export function usePicture(): Picture {
  const v = useContext(PictureContext);
  if (!v) throw new Error('inside the events page only');
  return v;
}
