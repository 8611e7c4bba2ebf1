// Dev only: the home page reloads when any session's slides change (titles, dates, counts).
if (import.meta.hot) import.meta.hot.on('deck:update', () => location.reload())
