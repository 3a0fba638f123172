/**
 * The registry's descriptors say what their adapters are without loading them; these
 * tests load every adapter once and hold the descriptors to it.
 */
import { describe, expect, it } from 'vitest';
import { ADAPTERS, adapterForDialect, adapterForUrl, descriptorForUrl, embeddedAdapters, knownSchemes, loadAdapter, urlExamples } from '../../adapters/registry.js';
import { ConnectError } from '../../adapters/types.js';

describe('adapter registry', () => {
  it('every descriptor is its adapter: dialect, schemes, and example URLs it accepts', async () => {
    for (const entry of ADAPTERS) {
      const adapter = await loadAdapter(entry);
      expect(adapter.dialect).toBe(entry.dialect);
      expect(adapter.schemes).toEqual(entry.schemes);
      expect(await adapterForDialect(entry.dialect)).toBe(adapter);
      for (const url of entry.urlExamples) expect(descriptorForUrl(url), url).toBe(entry);
      if (entry.embedded) {
        expect(adapter.capabilities.embedded).toBe(true);
        expect(await adapterForUrl(entry.embedded.url('/tmp/x'))).toBe(adapter);
      }
    }
    expect(embeddedAdapters().length).toBeGreaterThan(0);
    expect(knownSchemes()).toEqual(ADAPTERS.flatMap((a) => a.schemes));
    expect(urlExamples().length).toBeGreaterThanOrEqual(ADAPTERS.length);
  });

  it('loads an adapter once', async () => {
    const [entry] = ADAPTERS;
    expect(await loadAdapter(entry)).toBe(await loadAdapter(entry));
  });

  it('refuses a descriptor that does not match what it loads', async () => {
    const [entry] = ADAPTERS;
    await expect(loadAdapter({ ...entry, schemes: ['nope'] })).rejects.toThrow(/registry entry does not match/);
  });

  it('an unknown dialect has no adapter; an unknown scheme is a ConnectError naming the known ones', async () => {
    expect(await adapterForDialect('no-such-engine')).toBeUndefined();
    expect(() => descriptorForUrl('nope://u:secret@h/db')).toThrow(ConnectError);
    await expect(adapterForUrl('nope://u:secret@h/db')).rejects.toMatchObject({ hint: expect.stringContaining(`${knownSchemes()[0]}://`) });
  });
});
