// `npm start` / `npm run preview`: the deck in DECK (a folder), or the newest session in slides/.
import { defineConfig } from 'vite'
import { createViteConfig, defaultDeck } from './src/vite/config.ts'

export default defineConfig(() => {
  const { configFile: _ignored, ...config } = createViteConfig({
    slidesDir: process.env.DECK ?? defaultDeck(),
  })
  return config
})
