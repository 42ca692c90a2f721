import { Transform } from 'node:stream'

/**
 * React 18.3's `renderToPipeableStream` flushes its 2 KB view whole even when the last multi-byte character did
 * not fit and went to the next view, leaving 1–3 NUL bytes at the end of that chunk (react/react#24985, #31134;
 * fixed upstream in React 19). Vietnamese pages meet it on most long pages. HTML from React never holds a NUL
 * (no input of ours accepts one), so a chunk's trailing NULs are that padding: drop them.
 */
export function stripTrailingNuls(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      let end = chunk.length
      while (end > 0 && chunk[end - 1] === 0) end--
      callback(null, end === chunk.length ? chunk : chunk.subarray(0, end))
    },
  })
}
