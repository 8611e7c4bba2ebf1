// A fence's language as CommonMark reads its info string: backslash escapes and entities decoded
// (```` ``` foo\+bar ```` is `foo+bar`, ```` ``` p&#121;thon ```` is `python`), then its first word.
import MarkdownIt from 'markdown-it'

const { unescapeAll } = new MarkdownIt().utils

/** The language of a fence whose info string (or its first word) is `info`, decoded. */
export function fenceLanguage(info: string): string {
  return unescapeAll(info).trim().split(/\s+/)[0] ?? ''
}
