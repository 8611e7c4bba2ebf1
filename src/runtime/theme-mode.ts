// Light or dark theme: `?theme=dark|light`, else the reader's last choice, else light (projectors).

/** The two variants of the theme. */
export type ThemeName = 'light' | 'dark'

const KEY = 'reading-is-fun:theme'

function saved(): ThemeName | undefined {
  try {
    const value = localStorage.getItem(KEY)
    return value === 'dark' || value === 'light' ? value : undefined
  } catch {
    return undefined // storage can be off (privacy settings); the default then applies
  }
}

/** The theme now showing. */
export function currentTheme(): ThemeName {
  return document.documentElement.dataset.theme === 'dark' ? 'dark' : 'light'
}

/** Shows `theme` and remembers it for the next visit. */
export function setTheme(theme: ThemeName, remember = true): void {
  document.documentElement.dataset.theme = theme
  if (!remember) return
  try {
    localStorage.setItem(KEY, theme)
  } catch {
    // not remembered; still applied
  }
}

/**
 * Applies the theme the URL or the reader asked for; runs before the first paint. A theme the URL
 * asks for (`?theme=dark`, `?theme=light`) is remembered too, as the theme control's choice is.
 */
export function initTheme(search = location.search): ThemeName {
  const asked = new URLSearchParams(search).get('theme')
  const fromUrl = asked === 'dark' || asked === 'light' ? asked : undefined
  const theme = fromUrl ?? saved() ?? 'light'
  setTheme(theme, fromUrl !== undefined)
  return theme
}

/** Switches between light and dark; returns the new theme. */
export function toggleTheme(): ThemeName {
  const next = currentTheme() === 'dark' ? 'light' : 'dark'
  setTheme(next)
  return next
}
