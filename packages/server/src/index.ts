export { SERVER_VERSION } from './version.js';
