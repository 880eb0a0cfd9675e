import { Transform } from "node:stream";

// React 18.3's streaming renderer fills 2 KB buffers; when a multi-byte character does not fit at
// the end of one, it still sends the whole buffer, its unused bytes NUL, then the character in the
// next (facebook/react#31134). Browsers show each NUL as "�" in the middle of a word. HTML never
// carries NUL otherwise (PostgreSQL refuses it in text, the request guards in addresses), so
// dropping NUL bytes restores the page exactly.
export function withoutNulBytes(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      done(null, chunk.includes(0) ? chunk.filter((byte) => byte !== 0) : chunk);
    },
  });
}
