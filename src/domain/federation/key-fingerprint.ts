import { createHash } from 'node:crypto';

/**
 * A short, comparable form of an Ed25519 public key for administrators comparing keys over the
 * phone: "SHA256:" + unpadded base64 of sha256 over the raw 32 key bytes, as ssh prints it. The
 * same form as `sarhad node key` / `sarhad keys rotate` print (the key-rotation CLI), so the
 * page and the terminal can be compared character for character.
 */
export function keyFingerprint(publicKeyBase64: string): string {
  return `SHA256:${createHash('sha256').update(Buffer.from(publicKeyBase64, 'base64')).digest('base64').replace(/=+$/, '')}`;
}
