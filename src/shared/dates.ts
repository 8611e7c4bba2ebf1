// The session's date as every page prints it: one format (`July 16, 2025` in English), made from
// the front matter's `YYYY-MM-DD` by this one function (the home page, the deck's footer, link
// previews, the feed's summaries and the title slide `npm run new` writes).

/** The session's date for people (`July 16, 2025`); a value that is no date: as written. */
export function formatSessionDate(iso: string | undefined, lang = 'en'): string {
  if (!iso) return ''
  const date = new Date(`${iso}T00:00:00Z`)
  if (Number.isNaN(date.getTime())) return iso
  let format: Intl.DateTimeFormat
  try {
    format = new Intl.DateTimeFormat(lang, {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      timeZone: 'UTC',
    })
  } catch {
    // A language tag the runtime does not know: English.
    format = new Intl.DateTimeFormat('en', { dateStyle: 'long', timeZone: 'UTC' })
  }
  return format.format(date)
}
