// Where the project's folders are: the root of index.html, slides/, assets/ and dist/.
import { resolve } from 'node:path'

/** The project root: where index.html, slides/ and assets/ live. */
export const ROOT = resolve(import.meta.dirname, '../..')
