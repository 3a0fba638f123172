/** Secret redaction: every URL that is printed, logged or committed goes through here. */

// One redaction for every URL, written beside the URL parsing it must agree with.
import { redactUrl } from '../../adapters/registry.js';

export { redactUrl };

/** Redacts every URL found inside a free text (e.g. a driver's error message). */
export function redactText(text: string): string {
  return text.replace(/[a-z][a-z0-9+.-]*:\/\/[^\s'"]+/gi, (u) => redactUrl(u));
}
