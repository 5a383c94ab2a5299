import { fromBase64Url, toBase64Url } from './base64url.ts';
import { MAX_SETTINGS_CHARS, readSessionSettings, type SessionSettings, type SettingsOutcome } from './session-settings.ts';

/** Compression for links, given by the caller (CompressionStream in the browser and Node). */
export interface Deflater {
  deflate(bytes: Uint8Array): Promise<Uint8Array>;
  /** The inflated bytes, or null once they pass `maxBytes` (a small link must not unpack to gigabytes). */
  inflate(bytes: Uint8Array, maxBytes: number): Promise<Uint8Array | null>;
}

/** The link format: "s" + its version, a dot, then base64url of the deflated settings JSON. */
export const LINK_FORMAT = 's1';
/** The longest hash read: a link past this was not made by the app. */
export const MAX_LINK_CHARS = 40_000;

/** The hash (without "#") that carries these settings. */
export async function encodeSettingsLink(settings: SessionSettings, codec: Deflater): Promise<string> {
  const bytes = new TextEncoder().encode(JSON.stringify(settings));
  return `${LINK_FORMAT}.${toBase64Url(await codec.deflate(bytes))}`;
}

/** True when a hash looks like a settings link at all (anything else in the hash is left alone). */
export function isSettingsLink(hash: string): boolean {
  return /^#?s\d+\./.test(hash);
}

/**
 * The settings in a link's hash, checked: oversized, malformed, unknown-version and hostile links
 * each come back as problems in words, and nothing to apply.
 */
export async function decodeSettingsLink(hash: string, codec: Deflater): Promise<SettingsOutcome> {
  const text = hash.startsWith('#') ? hash.slice(1) : hash;
  if (text.length > MAX_LINK_CHARS) return { ok: false, problems: [`The link is ${text.length.toLocaleString('en')} characters long; a settings link is at most ${MAX_LINK_CHARS.toLocaleString('en')}.`] };
  const match = /^s(\d+)\.(.*)$/s.exec(text);
  if (!match) return { ok: false, problems: ['The link does not hold settings (it should start with "#s1.").'] };
  if (`s${match[1]}` !== LINK_FORMAT) return { ok: false, problems: [`The link is in format ${match[1]}, which this version of Segment Studio does not read (it reads format 1). Open it in the version that made it.`] };
  const bytes = fromBase64Url(match[2]!);
  if (!bytes) return { ok: false, problems: ['The link is damaged: its settings part has characters a link never has. Copy the whole link again.'] };
  let inflated: Uint8Array | null;
  try {
    inflated = await codec.inflate(bytes, MAX_SETTINGS_CHARS * 4);
  } catch {
    return { ok: false, problems: ['The link is damaged: its settings do not unpack. Copy the whole link again.'] };
  }
  if (!inflated) return { ok: false, problems: ['The link unpacks to more settings than any analysis has; it was not made by Segment Studio.'] };
  let json: string;
  try {
    json = new TextDecoder('utf-8', { fatal: true }).decode(inflated);
  } catch {
    return { ok: false, problems: ['The link is damaged: its settings are not text.'] };
  }
  return readSessionSettings(json);
}
