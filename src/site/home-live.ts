// Dev only: the home page reloads when any session's slides change (titles, dates, counts).
import { UPDATE_EVENT } from '../shared/events.ts'

if (import.meta.hot) import.meta.hot.on(UPDATE_EVENT, () => location.reload())
