import { useEffect, useState } from 'react';
import { stripAnsi } from '../../../../core/evidence/ansi';
import { blobChunks, gunzip, readHead } from '../../../../core/evidence/bytes';
import type { Evidence } from '../../../../core/model';
import { formatBytes } from '../../lib/format';
import { readBlob } from './queries';

const PREVIEW_BYTES = 256 * 1024;

/** How the stored file is previewed: as an image (of that type), hidden, or as text. */
function previewKind(evidence: Evidence): { image: string | null; hidden: boolean } {
  const compressed = evidence.mediaType === 'application/gzip';
  if (evidence.format === 'image' && evidence.variant === 'SVG')
    return { image: evidence.parseError === null ? 'image/svg+xml' : null, hidden: false };
  if (evidence.format === 'image' && !compressed) return { image: '', hidden: false };
  return { image: null, hidden: TEXT_HIDDEN.has(evidence.format) };
}
const TEXT_HIDDEN = new Set(['image', 'pdf', 'binary']);

type Preview =
  | { kind: 'loading' }
  | { kind: 'missing' }
  | { kind: 'image'; url: string }
  | { kind: 'text'; text: string; cut: boolean }
  | { kind: 'opaque' };

/**
 * The stored file itself, safely: images shown as images, everything else as escaped plain text
 * (ANSI codes stripped, first 256 KiB), never rendered as HTML and never executed. An SVG is an
 * image too, shown through <img> from a blob: URL (which runs no script and loads nothing), and
 * only when it passed the safe XML parser; otherwise it is shown as text. The whole file can be
 * saved to disk unchanged.
 */
export function RawViewer({ evidence }: { evidence: Evidence }) {
  const [preview, setPreview] = useState<Preview>({ kind: 'loading' });
  const [downloadUrl, setDownloadUrl] = useState<string | null>(null);
  const { image, hidden } = previewKind(evidence);
  useEffect(() => {
    let cancelled = false;
    const urls: string[] = [];
    void (async () => {
      const blob = await readBlob(evidence.sha256);
      if (cancelled) return;
      if (!blob) {
        setPreview({ kind: 'missing' });
        return;
      }
      const download = URL.createObjectURL(blob);
      urls.push(download);
      setDownloadUrl(download);
      if (image !== null) {
        // An SVG is typed from its content, not from the name the file arrived with.
        const url = image ? URL.createObjectURL(blob.slice(0, blob.size, image)) : download;
        if (url !== download) urls.push(url);
        setPreview({ kind: 'image', url });
        return;
      }
      if (hidden) {
        setPreview({ kind: 'opaque' });
        return;
      }
      const compressed = evidence.mediaType === 'application/gzip';
      const chunks = compressed ? gunzip(blobChunks(blob)) : blobChunks(blob, PREVIEW_BYTES);
      const head = await readHead(chunks, PREVIEW_BYTES);
      if (cancelled) return;
      const text = stripAnsi(new TextDecoder('utf-8').decode(head));
      setPreview({ kind: 'text', text, cut: compressed || blob.size > PREVIEW_BYTES });
    })().catch(() => {
      if (!cancelled) setPreview({ kind: 'missing' });
    });
    return () => {
      cancelled = true;
      for (const url of urls) URL.revokeObjectURL(url);
    };
  }, [evidence.sha256, evidence.mediaType, image, hidden]);

  return (
    <section className="panel" aria-labelledby="raw-heading">
      <div className="panel-header">
        <h2 id="raw-heading">Raw content</h2>
        {downloadUrl ? (
          <a className="button small" href={downloadUrl} download={evidence.fileName}>
            Save file ({formatBytes(evidence.size)})
          </a>
        ) : null}
      </div>
      {preview.kind === 'loading' ? <p className="muted">Loading…</p> : null}
      {preview.kind === 'missing' ? (
        <p className="form-error">The stored file could not be read.</p>
      ) : null}
      {preview.kind === 'image' ? (
        <img
          className="evidence-image"
          src={preview.url}
          alt={`Evidence image ${evidence.fileName}`}
        />
      ) : null}
      {preview.kind === 'opaque' ? (
        <p className="muted">
          This file is kept as it is; save it to open it with another program.
        </p>
      ) : null}
      {preview.kind === 'text' ? (
        <>
          {preview.cut ? (
            <p className="muted">
              Showing the beginning of the file (up to {formatBytes(PREVIEW_BYTES)}).
            </p>
          ) : null}
          <pre className="raw-text" tabIndex={0} aria-label={`Content of ${evidence.fileName}`}>
            {preview.text}
          </pre>
        </>
      ) : null}
    </section>
  );
}
