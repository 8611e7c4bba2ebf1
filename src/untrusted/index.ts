// The untrusted-input rules, behind one door. A deck arrives by pull request from anyone: every
// file it names, URL, attribute, CSS, HTML, SVG, TeX command and key goes through these rules, one
// module per boundary. Code outside src/untrusted/ imports this file only (lint enforces it).
//
//   paths.ts       which files a deck may read, and the one function that reads them
//   urls.ts        which URLs a deck may link to or load
//   css.ts         which CSS a deck may write, and the URLs it loads
//   images.ts      which bytes are the image (or video) their name says
//   assets.ts      publishing what a slide loads (deck-assets/, or data: URLs)
//   attributes.ts  the policy for every attribute a deck sets
//   tokenizer.ts   the one HTML tokenizer every reader below uses
//   html.ts        the allow-list sanitizer for a slide's raw HTML
//   svg.ts         the allow-list sanitizer for every SVG a deck publishes or inlines
//   csp.ts         the pages' Content-Security-Policy and the scan of a built page
//   dev-files.ts   what the dev server may serve
//   tex.ts         TeX trust and KaTeX's expansion budget
//   keys.ts        keys a deck chooses, never property lookups
//   budgets.ts     the size budgets on what a deck builds into
export { isRefusal, type Refusal } from './refusal.ts'
export {
  deckRoots,
  isInside,
  MAX_FILE_BYTES,
  readDeckFile,
  recordDeckReads,
  type DeckFile,
  type ReadOptions,
  type Roots,
} from './paths.ts'
export {
  checkLink,
  classifyUrl,
  refuseLoad,
  scriptScheme,
  type UrlKind,
  type UrlUse,
} from './urls.ts'
export { cssUrls, refuseCss, type CssUrl } from './css.ts'
export {
  checkDataImage,
  checkImage,
  checkVideo,
  imageFormatOfName,
  MIME,
  sniffImage,
  type ImageFormat,
} from './images.ts'
export {
  ASSETS_FOLDER,
  loadUrl,
  publish,
  readLocal,
  resolveImage,
  type AssetContext,
  type LoadKind,
  type PublishedAsset,
  type ResolvedImage,
} from './assets.ts'
export { policeAttribute } from './attributes.ts'
export { escapeMarkup, readHtml, type HtmlVisitor, type StartTag } from './tokenizer.ts'
export { ALLOWED_TAGS, sanitizeSlideHtml, type SlideHtmlPolicy } from './html.ts'
export { sanitizeSvg, SVG_SANITIZER, type SvgOptions, type SvgSanitized } from './svg.ts'
export {
  contentSecurityPolicy,
  inlineScripts,
  removeSlideScripts,
  SLIDES_BEGIN,
  SLIDES_END,
  withCspMeta,
  type CspMode,
  type ScriptFinding,
  type SlideScriptScan,
} from './csp.ts'
export { decodeRequestPath, DENY, isDenied, refuseDevPath } from './dev-files.ts'
export {
  commandOffsets,
  DECK_STEPS,
  ExpansionTooLarge,
  FORMULA_MS,
  FORMULA_STEPS,
  guardFormula,
  lastMacroUse,
  REFUSED_COLOR,
  texTokens,
  UNTRUSTED_COMMANDS,
  type FormulaGuard,
} from './tex.ts'
export { emptyRecord, isPrototypeKey, ownValue, recordOf } from './keys.ts'
export {
  BUDGETS,
  chartOverBudget,
  countElements,
  countRows,
  dataOverBudget,
  lineOverBudget,
  overlongLine,
  pageOverBudget,
  slideOverBudget,
  type OverBudget,
} from './budgets.ts'
