// `npm start`: the home page at / and every session at /<slug>/ (or one deck at / with DECK=<folder>).
import { defineConfig } from 'vite'
import { createViteConfig } from './src/site/vite-config.ts'

export default defineConfig(() => {
  const { configFile: _ignored, ...config } = createViteConfig({ slidesDir: process.env.DECK })
  return config
})
