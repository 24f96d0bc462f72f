// Neovim 0.7.2's built-in LSP client against `node dist/server.js --stdio`, headless
// (e2e/nvim/harness.lua: vim.lsp.start_client + buf_attach_client, the 0.7 API).
import * as path from 'path';
import { ROOT } from './cli-harness';
import { editorSuite, runs } from './e2e-editors';

editorSuite({
  name: 'Neovim end to end (vim.lsp.start_client, --stdio)',
  missing: () => (runs('nvim', ['--version']) ? undefined : 'nvim is not on PATH (Debian: apt-get install neovim)'),
  command: (files) => ({
    cmd: 'nvim',
    args: ['--headless', '-n', '-i', 'NONE', '-u', path.join(ROOT, 'e2e', 'nvim', 'harness.lua'), ...files],
  }),
});
