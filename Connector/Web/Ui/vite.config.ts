/// <reference types="vitest/config" />
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import bitrix24UIPluginVite from '@bitrix24/b24ui-nuxt/vite'

// Built into dist/ and copied next to the binary as ui/ by Connector.csproj; served under /ui/.
export default defineConfig({
  base: '/ui/',
  plugins: [vue(), bitrix24UIPluginVite({ colorMode: false, prose: false, mdc: false })],
  build: { outDir: 'dist', emptyOutDir: true, chunkSizeWarningLimit: 1024, reportCompressedSize: false },
  test: { environment: 'happy-dom', include: ['src/**/*.test.ts'], setupFiles: ['src/test-setup.ts'], server: { deps: { inline: ['@bitrix24/b24ui-nuxt'] } } },
})
