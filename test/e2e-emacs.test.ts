// Emacs 28 with eglot and Flymake against `node dist/server.js --stdio`, in batch mode
// (e2e/emacs/harness.el: eglot-server-programs, eglot-ensure, flymake-diagnostics).
import { strict as assert } from 'assert';
import * as path from 'path';
import { ROOT } from './cli-harness';
import { editorSuite, runs } from './e2e-editors';

const ELPA = '/usr/share/emacs/site-lisp/elpa';
const FIND_EGLOT = `(progn (require 'package) (add-to-list 'package-directory-list "${ELPA}") (package-initialize) (require 'eglot))`;

// eglot gives Flymake three types: severity 1 error, 2 warning, 3 and 4 note.
const FLYMAKE_TYPE: Record<number, string> = { 1: 'eglot-error', 2: 'eglot-warning', 3: 'eglot-note', 4: 'eglot-note' };

editorSuite({
  name: 'Emacs end to end (eglot + Flymake, --stdio)',
  missing: () => {
    if (!runs('emacs', ['--version'])) return 'emacs is not on PATH (Debian: apt-get install emacs-nox elpa-eglot)';
    if (!runs('emacs', ['-Q', '--batch', '--eval', FIND_EGLOT])) return `eglot is not installed in ${ELPA} (Debian: apt-get install elpa-eglot)`;
    return undefined;
  },
  command: (files) => ({
    cmd: 'emacs',
    args: ['-Q', '--batch', '-l', path.join(ROOT, 'e2e', 'emacs', 'harness.el'), ...files],
  }),
  checkDiagnostic: (d) => {
    // What the person sees in Flymake: the type from the severity, the text eglot builds.
    assert.equal(d.flymakeType, FLYMAKE_TYPE[d.severity as number]);
    assert.equal(d.text, `go-mapleak [${String(d.code)}]: ${String(d.message)}`);
  },
});
