-- Drives go-mapleak's language server from Neovim 0.7's built-in LSP client, headless, the way a
-- user's config would (vim.lsp.start_client + buf_attach_client from a FileType autocommand; 0.7
-- has no vim.lsp.start), and writes what the editor got as JSON lines on stdout.
--
--   nvim --headless -n -i NONE -u harness.lua FILE.go [MORE.go ...] </dev/null
--
-- Environment: MAPLEAK_SERVER  the server script (dist/server.js), run as `node SERVER --stdio`
--              MAPLEAK_PLAN    JSON {hover = {line, character}, action = {line, character, title}}
--                              for the first file: where to hover, where to ask for code actions
--                              and which one to apply (LSP positions: 0-based, UTF-16).
--              MAPLEAK_PROFILE a heap profile to load into the server after the diagnostics
--                              (workspace/executeCommand goMapleak.profile.load, as a user's
--                              vim.lsp.buf.execute_command does), then the code lenses are shown
--                              with Neovim's own vim.lsp.codelens.
-- Output, one JSON object a line: diagnostics (per file), loaded, profiled, lenses, hover, actions,
-- applied, fixAll, done; or error, after which nvim exits with status 1.

local server = assert(os.getenv('MAPLEAK_SERVER'), 'MAPLEAK_SERVER is not set')
local plan = vim.fn.json_decode(os.getenv('MAPLEAK_PLAN') or '{}')
local profile = os.getenv('MAPLEAK_PROFILE')
local TIMEOUT = 20000

local function emit(obj)
  io.stdout:write(vim.fn.json_encode(obj), '\n')
  io.stdout:flush()
end

local function fail(message)
  emit({ event = 'error', message = message })
  vim.cmd('cquit 1')
end

-- The configuration a user would write (README, "Other editors"): one server for every Go buffer.
local client_id
vim.cmd('filetype on')
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'go',
  callback = function(args)
    if not (client_id and vim.lsp.get_client_by_id(client_id)) then
      local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(args.buf), ':p:h')
      local gomod = vim.fn.findfile('go.mod', dir .. ';')
      client_id = vim.lsp.start_client({
        name = 'go-mapleak',
        cmd = { 'node', server, '--stdio' },
        root_dir = gomod ~= '' and vim.fn.fnamemodify(gomod, ':p:h') or dir,
        -- Answers the server's workspace/configuration pull for the goMapleak section. The
        -- compiler check is off so that the results never depend on a `go` build finishing.
        settings = { goMapleak = { compiler = { confirm = 'off' } } },
        -- Changes go out at once, so a request right after an edit sees the new text.
        flags = { debounce_text_changes = 0 },
      })
    end
    vim.lsp.buf_attach_client(args.buf, client_id)
  end,
})

local function text_of(buf)
  return table.concat(vim.api.nvim_buf_get_lines(buf, 0, -1, true), '\n') .. '\n'
end

-- The LSP diagnostics as the editor stores them; columns converted back from Neovim's bytes to
-- UTF-16 by the editor's own helper would equal the server's for ASCII files, so report bytes.
local function diagnostics_of(buf)
  local out = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    table.insert(out, {
      code = d.code, source = d.source, severity = d.severity, message = d.message,
      line = d.lnum, col = d.col, endLine = d.end_lnum, endCol = d.end_col,
    })
  end
  table.sort(out, function(a, b)
    if a.line ~= b.line then return a.line < b.line end
    if a.col ~= b.col then return a.col < b.col end
    return a.code < b.code
  end)
  return out
end

local function wait_diagnostics(buf)
  return vim.wait(TIMEOUT, function() return #vim.diagnostic.get(buf) > 0 end, 20)
end

local function request(buf, method, params)
  local results, err = vim.lsp.buf_request_sync(buf, method, params, TIMEOUT)
  if not results then return nil, err end
  local r = results[client_id]
  if not r then return nil, 'no answer from go-mapleak' end
  if r.err then return nil, vim.inspect(r.err) end
  return r.result
end

local function code_actions(buf, pos, only)
  local client = vim.lsp.get_client_by_id(client_id)
  local lsp_diags = {}
  for _, d in ipairs(vim.lsp.diagnostic.get_line_diagnostics(buf, pos.line, {}, client_id)) do
    table.insert(lsp_diags, d)
  end
  return request(buf, 'textDocument/codeAction', {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    range = { start = pos, ['end'] = pos },
    context = { diagnostics = lsp_diags, only = only },
  }), client
end

local function diagnostic_with(buf, text)
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.message:find(text, 1, true) then return true end
  end
  return false
end

-- Loads MAPLEAK_PROFILE, waits for the diagnostics that carry its figures, and lists the lenses.
local function load_profile(buf)
  local r, err = request(buf, 'workspace/executeCommand', { command = 'goMapleak.profile.load', arguments = { profile } })
  if not r then return false, 'executeCommand: ' .. tostring(err) end
  emit({ event = 'loaded', ok = r.ok, message = r.message })
  if not vim.wait(TIMEOUT, function() return diagnostic_with(buf, 'heap profile shows') end, 20) then
    return false, 'no diagnostic with the profile within ' .. TIMEOUT .. ' ms'
  end
  emit({ event = 'profiled', items = diagnostics_of(buf) })
  vim.lsp.codelens.refresh()
  if not vim.wait(TIMEOUT, function() return #vim.lsp.codelens.get(buf) > 0 end, 20) then return false, 'no code lens' end
  local lenses = {}
  for _, l in ipairs(vim.lsp.codelens.get(buf)) do
    table.insert(lenses, { line = l.range.start.line, title = l.command and l.command.title or '' })
  end
  emit({ event = 'lenses', items = lenses })
  return true
end

local function run()
  local files = vim.fn.argv()
  if #files == 0 then return fail('no file given') end
  local bufs = {}
  for i, f in ipairs(files) do
    if i > 1 then vim.cmd('edit ' .. vim.fn.fnameescape(f)) end
    bufs[i] = vim.fn.bufnr(f)
  end
  for i, buf in ipairs(bufs) do
    if not wait_diagnostics(buf) then return fail('no diagnostics for ' .. files[i] .. ' within ' .. TIMEOUT .. ' ms') end
    emit({ event = 'diagnostics', file = vim.api.nvim_buf_get_name(buf), items = diagnostics_of(buf) })
  end

  local buf = bufs[1]
  vim.api.nvim_set_current_buf(buf)
  if profile then
    local ok, err = load_profile(buf)
    if not ok then return fail(err) end
  end
  local original = vim.api.nvim_buf_get_lines(buf, 0, -1, true)

  if plan.hover then
    local h, err = request(buf, 'textDocument/hover', { textDocument = { uri = vim.uri_from_bufnr(buf) }, position = plan.hover })
    if not h then return fail('hover: ' .. tostring(err)) end
    emit({ event = 'hover', kind = h.contents.kind, value = h.contents.value })
  end

  if plan.action then
    local pos = { line = plan.action.line, character = plan.action.character }
    local actions, client = code_actions(buf, pos, nil)
    if not actions then return fail('codeAction: ' .. tostring(client)) end
    local listed, chosen = {}, nil
    for _, a in ipairs(actions) do
      table.insert(listed, { title = a.title, kind = a.kind, preferred = a.isPreferred == true })
      if a.title == plan.action.title then chosen = a end
    end
    emit({ event = 'actions', items = listed })
    if not chosen then return fail('no code action titled ' .. plan.action.title) end
    -- What Neovim's code action menu does with an action that carries its edit.
    vim.lsp.util.apply_workspace_edit(chosen.edit, client.offset_encoding)
    emit({ event = 'applied', title = chosen.title, text = text_of(buf) })

    -- Back to the original text (a didChange), then the whole-file fix the server offers.
    vim.api.nvim_buf_set_lines(buf, 0, -1, true, original)
    local all = code_actions(buf, pos, { 'source.fixAll' })
    if not all or #all ~= 1 then return fail('expected one source.fixAll action, got ' .. vim.inspect(all)) end
    vim.lsp.util.apply_workspace_edit(all[1].edit, client.offset_encoding)
    emit({ event = 'fixAll', title = all[1].title, text = text_of(buf) })
  end

  vim.lsp.stop_client(client_id)
  emit({ event = 'done' })
  vim.cmd('qall!')
end

vim.api.nvim_create_autocmd('VimEnter', {
  nested = true, -- so that `:edit` of the other files fires their FileType autocommand
  callback = function()
    local ok, err = pcall(run)
    if not ok then fail(tostring(err)) end
  end,
})
