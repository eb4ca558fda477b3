/**
 * The laws module's public face: the manifest, the event other modules react to when a law is superseded, the
 * demo laws other demos cite, and the snippet shape other modules' responses embed.
 */
export { lawsModule } from './laws.module.js';
export { type LawSupersededEvent, onLawSuperseded } from './laws.hooks.js';
export { seedDemoLaws } from './laws.demo.js';
export { SnippetPartDto } from './laws.schemas.js';
