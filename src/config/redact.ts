/** Secret redaction: every URL that is printed, logged or committed goes through here. */
export { redactText, redactUrl } from './url-secrets.js';
