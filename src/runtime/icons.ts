// Line icons for the deck's controls: the shared set (src/shared/icons.ts, also used by the build).
export { icon, type IconName } from '../shared/icons.ts'
