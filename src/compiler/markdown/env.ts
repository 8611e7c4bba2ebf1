// The render environment passed through markdown-it's `env`: where the slide is and where to report.
import { diagnosticAt, type Diagnostic, type Severity } from '../diagnostics.ts'
import type { PublishedAsset, Roots } from '../../untrusted/index.ts'
import type { SourceFile } from '../source.ts'
import type { CitationUse } from './citations.ts'

/** Per-slide state our markdown-it rules read and write (markdown-it passes `env` to every rule). */
export interface RenderEnv {
  [key: string | symbol]: unknown
  file: SourceFile
  /** 0-based line of the slide body's first line in the file. */
  startLine: number
  /** The slide body markdown-it is parsing (`state.src` of the block parser). */
  body: string
  diagnostics: Diagnostic[]
  /** Attributes for the slide's `<section>`, from `<!-- .slide: ... -->` comments. */
  slideAttrs: Record<string, string>
  /** Body offset of the `id` attribute in `slideAttrs`, for a duplicate-id diagnostic. */
  slideIdAt?: number
  /** Absolute path of the project's `assets/` folder, the second place images are looked up. */
  assetsDir: string
  /** Absolute path of the project root (the Vite root). */
  root: string
  /** The folders the deck may read (src/untrusted/paths.ts). */
  roots: Roots
  /** Inline published assets as data: URLs (the single-file build). */
  inlineAssets: boolean
  /** The files this slide loads, as the build publishes them. */
  assets: PublishedAsset[]
  /** KaTeX macros of the deck (shared by its slides, see render.ts). */
  macros: Record<string, string>
  /** The slide's citations, in order (markdown/citations.ts); the deck stage formats them. */
  citations?: CitationUse[]
}

/** Reports a problem at `offset` in the slide body. */
export function reportAt(
  env: RenderEnv,
  offset: number,
  code: string,
  message: string,
  severity: Severity = 'error',
  hint?: string,
  length?: number,
): void {
  env.diagnostics.push(
    diagnosticAt(
      { file: env.file.path, text: env.body, firstLine: env.startLine },
      offset,
      { code, message, hint, severity },
      length,
    ),
  )
}

/** markdown-it types `env` loosely; every rule of ours receives a RenderEnv. */
export function envOf(env: unknown): RenderEnv {
  return env as RenderEnv
}
