/**
 * The indicators module's public face: the manifest, and the figure engine the annual report drafts from
 * (figures computed from the enabled modules' manifests, with the records they count).
 */
export { indicatorsModule } from './indicators.module.js';
export { computeFigure, type Figure, figureQuery, indicatorRegistry, type IndicatorRegistry } from './indicators.registry.js';
