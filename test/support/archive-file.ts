import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import type { TableSource, WriteArchiveOptions } from '../../core/archive/writer';
import { writeArchive } from '../../core/archive/writer';

/** Streams an archive of `tables` into a file (Node only), honouring the stream's backpressure. */
export async function writeArchiveFile(
  file: string,
  tables: readonly TableSource[],
  options: WriteArchiveOptions,
): Promise<void> {
  const out = createWriteStream(file);
  await writeArchive(
    tables,
    {
      async write(chunk) {
        if (!out.write(chunk)) await once(out, 'drain');
      },
    },
    options,
  );
  out.end();
  await once(out, 'close');
}
