import { createContext, useContext } from 'react';
import type L from 'leaflet';
import type { Community, SectionCollection, Unit } from '../../types.ts';

/** What every map layer gets: the Leaflet map (panes `basemap`, `rivers`, `labels` exist). */
export interface MapLayerProps {
  map: L.Map;
}

/** A layer of the map page: a component that adds its Leaflet layers in effects and renders nothing (or a legend entry). */
export type MapLayer = (props: MapLayerProps) => React.ReactNode;

/** Registry data loaded once by the map page and shared by its layers and side panel. */
export interface MapData {
  sections: SectionCollection | null;
  units: Unit[] | null;
  communities: Community[] | null;
  /** section id → its drawn line (the side list zooms to it and opens its popup) */
  sectionLayers: Map<string, L.Polyline>;
  /** width of the legend, kept clear when fitting the border into view */
  legendWidth: () => number;
}

export const MapDataContext = createContext<MapData | null>(null);

export function useMapData(): MapData {
  const v = useContext(MapDataContext);
  if (!v) throw new Error('map layers must be rendered inside the map page');
  return v;
}
