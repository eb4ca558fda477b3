/** The normative-documents module's public face. */
export { normativeDocsModule } from './normative-docs.module.js';
