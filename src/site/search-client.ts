// The home page's search (built into search.js beside it): loads the index the build wrote
// (search-index.json, same origin) and searches every session's slides and notes in the page,
// offline. Each result links to its slide (`<session>/#/<slide id>`) with the slide's title and
// a snippet of the text around the first word found. Results are built as DOM nodes with text
// only: the indexed text is the decks', untrusted, and never becomes markup.
import MiniSearch, { type SearchResult } from 'minisearch'
import {
  SEARCH_INDEX_FILE,
  SEARCH_OPTIONS,
  SEARCH_QUERY,
  snippet,
  type SearchDoc,
} from './search-shared.ts'

/** Results shown at most. */
const MAX_RESULTS = 20

type Hit = SearchResult & Omit<SearchDoc, 'id'>

function resultItem(hit: Hit): HTMLLIElement {
  const li = document.createElement('li')
  li.className = 'result'
  const link = document.createElement('a')
  link.href = `./${encodeURIComponent(hit.session)}/#/${encodeURIComponent(hit.slide)}`
  link.textContent = hit.title
  const heading = document.createElement('h3')
  heading.append(link)
  const where = document.createElement('p')
  where.className = 'result-session'
  where.textContent = hit.sessionTitle
  // The snippet from the slide's text if a word is there, else from its notes.
  const inText = snippet(hit.text, hit.queryTerms, hit.terms)[1] !== '' || hit.notes === ''
  const [before, match, after] = snippet(inText ? hit.text : hit.notes, hit.queryTerms, hit.terms)
  const p = document.createElement('p')
  p.className = 'result-snippet'
  if (!inText) {
    const label = document.createElement('span')
    label.className = 'result-label'
    label.textContent = 'Notes: '
    p.append(label)
  }
  p.append(before)
  if (match) {
    const mark = document.createElement('mark')
    mark.textContent = match
    p.append(mark)
  }
  p.append(after)
  li.append(heading, where, p)
  return li
}

async function start(): Promise<void> {
  const form = document.querySelector<HTMLFormElement>('#site-search')
  const input = document.querySelector<HTMLInputElement>('#site-search-q')
  const status = document.querySelector<HTMLElement>('#site-search-status')
  const list = document.querySelector<HTMLOListElement>('#site-search-results')
  if (!form || !input || !status || !list) return
  const response = await fetch(new URL(SEARCH_INDEX_FILE, import.meta.url))
  if (!response.ok) throw new Error(`${SEARCH_INDEX_FILE}: HTTP ${response.status}`)
  const index = MiniSearch.loadJSON<SearchDoc>(await response.text(), SEARCH_OPTIONS)
  form.hidden = false

  const run = (): void => {
    const query = input.value.trim()
    list.replaceChildren()
    if (query === '') {
      status.textContent = ''
      return
    }
    const hits = index.search(query, SEARCH_QUERY) as Hit[]
    status.textContent =
      hits.length === 0
        ? `No slide mentions “${query}”.`
        : `${hits.length} slide${hits.length === 1 ? '' : 's'} found${hits.length > MAX_RESULTS ? `; the first ${MAX_RESULTS}` : ''}.`
    list.append(...hits.slice(0, MAX_RESULTS).map(resultItem))
  }
  let timer: ReturnType<typeof setTimeout> | undefined
  input.addEventListener('input', () => {
    clearTimeout(timer)
    timer = setTimeout(run, 80)
  })
  form.addEventListener('submit', (event) => {
    event.preventDefault()
    run()
  })
  // A link to the home page may carry a query: `?q=scaling%20laws`.
  const q = new URLSearchParams(location.search).get('q')
  if (q) {
    input.value = q
    run()
  }
}

void start()
