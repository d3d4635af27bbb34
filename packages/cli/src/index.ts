export { CLIENT_VERSION } from './version.js';
