/** `${ENV_VAR}` in connection URLs, so a config file can name a secret without holding it. */
import { configError } from '../errors.js';

const VAR = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

/** Names of the variables a text refers to. */
export function referencedVariables(text: string): string[] {
  return [...text.matchAll(VAR)].map((m) => m[1]);
}

/** Substitutes `${NAME}` from the environment; an unset variable is an error naming it. */
export function interpolate(text: string, env: NodeJS.ProcessEnv = process.env, where = 'the configuration'): string {
  return text.replace(VAR, (_, name: string) => {
    const value = env[name];
    if (value === undefined) throw configError('E_ENV_UNSET', `${where} refers to \${${name}}, which is not set`, `export ${name}=… before running redb`);
    return value;
  });
}
