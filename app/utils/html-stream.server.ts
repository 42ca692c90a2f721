import { Transform } from 'node:stream'

/**
 * React 18.3's `renderToPipeableStream` flushes its 2 KB view whole even when the last multi-byte character did
 * not fit and went to the next view, leaving 1–3 NUL bytes at the end of that chunk (react/react#24985, #31134;
 * fixed upstream in React 19). Vietnamese pages meet it on most long pages. HTML from React never holds a NUL
 * (no input of ours accepts one), so a chunk's trailing NULs are that padding: drop them.
 */
export function stripTrailingNuls(): Transform {
  const stream = new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let end = chunk.length
      while (end > 0 && chunk[end - 1] === 0) end--
      callback(null, end === chunk.length ? chunk : chunk.subarray(0, end))
    },
  })
  // React 18.3 ends its destination twice (once done, again from a later flush): Node answers an end() of an ended
  // stream by building an error (ERR_STREAM_ALREADY_FINISHED, with its stack) that no one reads — 3% of a short
  // page's CPU (cpu-prof of /). A bare end() once ended is a no-op here; anything else is Node's.
  const end = stream.end.bind(stream) as (...args: unknown[]) => Transform
  stream.end = ((...args: unknown[]) =>
    args.length === 0 && stream.writableEnded ? stream : end(...args)) as Transform['end']
  return stream
}
