-- Loads a heap profile into go-mapleak's language server from Neovim 0.7's built-in LSP client,
-- headless, as a user would (`:lua vim.lsp.buf.execute_command{command = 'goMapleak.profile.load',
-- arguments = {'heap.pb.gz'}}`), then shows the code lenses with Neovim's own codelens module.
--
--   nvim --headless -n -i NONE -u profile.lua FILE.go </dev/null
--
-- Environment: MAPLEAK_SERVER  the server script (dist/server.js)
--              MAPLEAK_PROFILE the profile to load (a path relative to the module, or a URL)
-- Output, one JSON object a line: loaded, diagnostics, lenses, done; or error (nvim exits 1).

local server = assert(os.getenv('MAPLEAK_SERVER'), 'MAPLEAK_SERVER is not set')
local profile = assert(os.getenv('MAPLEAK_PROFILE'), 'MAPLEAK_PROFILE is not set')
local TIMEOUT = 20000

local function emit(obj)
  io.stdout:write(vim.fn.json_encode(obj), '\n')
  io.stdout:flush()
end

local function fail(message)
  emit({ event = 'error', message = message })
  vim.cmd('cquit 1')
end

local client_id
vim.cmd('filetype on')
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'go',
  callback = function(args)
    local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h')
    local gomod = vim.fn.findfile('go.mod', dir .. ';')
    client_id = client_id or vim.lsp.start_client({
      name = 'go-mapleak',
      cmd = { 'node', server, '--stdio' },
      root_dir = gomod ~= '' and vim.fn.fnamemodify(gomod, ':p:h') or dir,
      settings = { goMapleak = { compiler = { confirm = 'off' } } },
    })
    vim.lsp.buf_attach_client(args.buf, client_id)
  end,
})

local function profiled(buf)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.message:find('heap profile shows', 1, true) then return true end
  end
  return false
end

local function run()
  local buf = vim.api.nvim_get_current_buf()
  if not vim.wait(TIMEOUT, function() return #vim.diagnostic.get(buf) > 0 end, 20) then return fail('no diagnostics') end
  local client = vim.lsp.get_client_by_id(client_id)
  local r = client.request_sync('workspace/executeCommand', { command = 'goMapleak.profile.load', arguments = { profile } }, TIMEOUT, buf)
  if not r or r.err then return fail('executeCommand: ' .. vim.inspect(r)) end
  emit({ event = 'loaded', ok = r.result.ok, message = r.result.message })
  if not vim.wait(TIMEOUT, function() return profiled(buf) end, 20) then return fail('no diagnostic with the profile') end
  local items = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(items, { code = d.code, severity = d.severity, message = d.message, line = d.lnum })
  end
  emit({ event = 'diagnostics', items = items })
  -- Neovim's codelens module asks for the lenses and keeps them per buffer.
  vim.lsp.codelens.refresh()
  if not vim.wait(TIMEOUT, function() return #vim.lsp.codelens.get(buf) > 0 end, 20) then return fail('no code lens') end
  local lenses = {}
  for _, l in ipairs(vim.lsp.codelens.get(buf)) do
    table.insert(lenses, { line = l.range.start.line, title = l.command and l.command.title or '' })
  end
  emit({ event = 'lenses', items = lenses })
  vim.lsp.stop_client(client_id)
  emit({ event = 'done' })
  vim.cmd('qall!')
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    local ok, err = pcall(run)
    if not ok then fail(tostring(err)) end
  end,
})
