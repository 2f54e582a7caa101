import { createPrivateKey, X509Certificate } from 'node:crypto';
import { readFileSync, unwatchFile, watchFile, type Stats } from 'node:fs';

export interface TlsFiles {
  certFile: string;
  keyFile: string;
}

export interface TlsMaterial {
  cert: Buffer;
  key: Buffer;
  /** The leaf certificate's subject common name (or the whole subject when it has none). */
  subject: string;
  expiresAt: Date;
}

/**
 * Reads and checks a certificate chain and its key: the leaf must parse and
 * the key must be the one it certifies, so a half-written or mismatched pair
 * is refused instead of being served.
 */
export function loadTlsMaterial(files: TlsFiles): TlsMaterial {
  const cert = readFileSync(files.certFile);
  const key = readFileSync(files.keyFile);
  const leaf = new X509Certificate(cert);
  if (!leaf.checkPrivateKey(createPrivateKey(key)))
    throw new Error(`TLS_KEY_FILE ${files.keyFile} is not the key of the certificate in ${files.certFile}`);
  const cn = /(?:^|\n)CN=([^\n]+)/.exec(leaf.subject);
  return { cert, key, subject: cn ? cn[1] : leaf.subject.replace(/\n/g, ', '), expiresAt: new Date(leaf.validTo) };
}

export interface TlsWatcher {
  close(): void;
}

// Polling, not inotify: Kubernetes swaps a mounted secret by renaming a symlinked directory,
// which an fs.watch on the old inode never reports; a stat poll sees the new file either way.
const POLL_MS = 1000;

/**
 * Calls `onChange` with the new material whenever either file changes and the
 * pair is valid again (a certificate and key replaced one after the other
 * reload once both agree); `onError` when the pair on disk is not usable.
 */
export function watchTlsFiles(files: TlsFiles, onChange: (m: TlsMaterial) => void, onError: (err: Error) => void): TlsWatcher {
  const changed = (now: Stats, before: Stats) => {
    if (now.mtimeMs === before.mtimeMs && now.size === before.size && now.ino === before.ino) return;
    try {
      onChange(loadTlsMaterial(files));
    } catch (err) {
      onError(err as Error);
    }
  };
  watchFile(files.certFile, { interval: POLL_MS, persistent: false }, changed);
  watchFile(files.keyFile, { interval: POLL_MS, persistent: false }, changed);
  return {
    close() {
      unwatchFile(files.certFile, changed);
      unwatchFile(files.keyFile, changed);
    },
  };
}
