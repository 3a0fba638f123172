/** PostgreSQL WAL positions (LSN, `X/Y` in hex halves). */

/** An LSN as a number of bytes; exact up to 2^53 (8 PiB of WAL). */
export function lsnToNumber(lsn: string): number {
  const [hi, lo] = lsn.split('/');
  return parseInt(hi, 16) * 2 ** 32 + parseInt(lo, 16);
}

/** An LSN as PostgreSQL prints it (`0/C0BDB38`): positions compare equal as text with the server's. */
export function normalLsn(lsn: string): string {
  const [hi, lo] = lsn.split('/');
  return `${parseInt(hi, 16).toString(16).toUpperCase()}/${parseInt(lo, 16).toString(16).toUpperCase()}`;
}
