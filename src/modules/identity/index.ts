/** The identity module's public face (units, users, grants). */
export { identityModule } from './identity.module.js';
