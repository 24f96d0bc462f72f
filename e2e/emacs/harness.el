;;; harness.el --- drive go-mapleak's language server from Emacs 28 + eglot, in batch  -*- lexical-binding: t -*-
;;
;;   emacs -Q --batch -l harness.el FILE.go [MORE.go ...]
;;
;; Environment: MAPLEAK_SERVER  the server script (dist/server.js), run as `node SERVER --stdio'
;;              MAPLEAK_PLAN    JSON {"hover": {line, character}, "action": {line, character, title}}
;;                              for the first file: where to hover, where to ask for code actions
;;                              and which one to apply (LSP positions: 0-based, UTF-16).
;; Output, one JSON object a line on stdout: diagnostics (per file), hover, actions, applied,
;; fixAll, done; or error, after which Emacs exits with status 1.
;;
;; What a user's init file would hold is the first block; the rest stands in for the person:
;; batch mode runs no command loop, so post-command-hook (where `eglot-ensure' connects) is run by
;; hand, and Flymake's idle timer never fires, so the wait loop calls `flymake-start'.

;; -Q drops site-lisp: find Debian's elpa-eglot the way package.el would.
(require 'package)
(add-to-list 'package-directory-list "/usr/share/emacs/site-lisp/elpa")
(package-initialize)
(require 'eglot)
(require 'project)
(prefer-coding-system 'utf-8)

(defvar mapleak-server (or (getenv "MAPLEAK_SERVER") (error "MAPLEAK_SERVER is not set")))
(defvar mapleak-plan (json-parse-string (or (getenv "MAPLEAK_PLAN") "{}") :object-type 'plist))
(defconst mapleak-timeout 20.0 "Seconds to wait for the server's diagnostics.")

;;; --- the user's configuration -------------------------------------------------------------

;; Emacs 28 ships no Go mode; a user has go-mode or go-ts-mode, either works the same here.
(define-derived-mode go-mode prog-mode "Go")
(add-to-list 'auto-mode-alist '("\\.go\\'" . go-mode))

;; The go.mod directory is the project, so that one server serves every package of the module.
(defun mapleak-go-module-root (dir)
  (let ((root (locate-dominating-file dir "go.mod")))
    (and root (cons 'transient (expand-file-name root)))))
(add-hook 'project-find-functions #'mapleak-go-module-root)

;; The settings go as initializationOptions; the compiler check is off so that the results never
;; depend on a `go' build finishing.
(add-to-list 'eglot-server-programs
             `(go-mode . ("node" ,mapleak-server "--stdio"
                          :initializationOptions (:goMapleak (:compiler (:confirm "off"))))))
(add-hook 'go-mode-hook #'eglot-ensure)

;;; --- the person at the keyboard -----------------------------------------------------------

(defun mapleak-emit (alist)
  (princ (json-serialize alist))
  (terpri))

(defun mapleak-fail (message)
  (mapleak-emit `((event . "error") (message . ,message)))
  (kill-emacs 1))

(defun mapleak-line-col (pos)
  "0-based line and column of POS (characters; the examples are ASCII)."
  (save-excursion
    (goto-char pos)
    (cons (1- (line-number-at-pos pos t)) (- pos (line-beginning-position)))))

(defun mapleak-wait-diagnostics ()
  "Wait until Flymake shows this buffer's diagnostics; nil on timeout."
  (let ((deadline (+ (float-time) mapleak-timeout)))
    (while (and (null (flymake-diagnostics)) (< (float-time) deadline))
      (accept-process-output nil 0.02)
      (when eglot--managed-mode (flymake-start)))
    (flymake-diagnostics)))

(defun mapleak-diagnostics ()
  "This buffer's diagnostics as Flymake holds them: region, type, and the LSP fields eglot kept."
  (let (items)
    (dolist (d (flymake-diagnostics))
      (let* ((lsp (cdr (assoc 'eglot-lsp-diag (flymake-diagnostic-data d))))
             (beg (mapleak-line-col (flymake-diagnostic-beg d)))
             (end (mapleak-line-col (flymake-diagnostic-end d))))
        (push `((code . ,(plist-get lsp :code)) (source . ,(plist-get lsp :source))
                (severity . ,(plist-get lsp :severity)) (message . ,(plist-get lsp :message))
                (flymakeType . ,(symbol-name (flymake-diagnostic-type d)))
                (text . ,(flymake-diagnostic-text d))
                (line . ,(car beg)) (col . ,(cdr beg)) (endLine . ,(car end)) (endCol . ,(cdr end)))
              items)))
    (vconcat (sort items (lambda (a b)
                           (let ((la (alist-get 'line a)) (lb (alist-get 'line b))
                                 (ca (alist-get 'col a)) (cb (alist-get 'col b)))
                             (or (< la lb) (and (= la lb) (or (< ca cb)
                                                              (and (= ca cb) (string< (alist-get 'code a) (alist-get 'code b))))))))))))

(defun mapleak-goto (pos)
  (goto-char (eglot--lsp-position-to-point (list :line (plist-get pos :line) :character (plist-get pos :character)))))

(defun mapleak-run ()
  (let ((files (mapcar #'expand-file-name command-line-args-left))
        buffers)
    (setq command-line-args-left nil) ; the harness visits them, not Emacs's startup
    (unless files (mapleak-fail "no file given"))
    (dolist (f files)
      (with-current-buffer (find-file-noselect f)
        (run-hooks 'post-command-hook) ; where eglot-ensure connects
        (push (current-buffer) buffers)))
    (setq buffers (nreverse buffers))
    (dolist (b buffers)
      (with-current-buffer b
        (unless (mapleak-wait-diagnostics)
          (mapleak-fail (format "no diagnostics for %s within %s s" buffer-file-name mapleak-timeout)))
        (mapleak-emit `((event . "diagnostics") (file . ,buffer-file-name) (items . ,(mapleak-diagnostics))))))
    (with-current-buffer (car buffers)
      (let ((original (buffer-string))
            (hover (plist-get mapleak-plan :hover))
            (action (plist-get mapleak-plan :action)))
        (when hover
          (mapleak-goto hover)
          ;; The request eldoc and eglot-help-at-point send.
          (let* ((h (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                     (eglot--TextDocumentPositionParams)))
                 (contents (plist-get h :contents)))
            (mapleak-emit `((event . "hover") (kind . ,(plist-get contents :kind)) (value . ,(plist-get contents :value))))))
        (when action
          (mapleak-goto action)
          (let* ((actions (eglot-code-actions (point) (point)))
                 (chosen (cl-find (plist-get action :title) actions
                                  :key (lambda (a) (plist-get a :title)) :test #'equal)))
            (mapleak-emit `((event . "actions")
                            (items . ,(vconcat (mapcar (lambda (a) `((title . ,(plist-get a :title))
                                                                     (kind . ,(plist-get a :kind))
                                                                     (preferred . ,(if (eq (plist-get a :isPreferred) t) t :false))))
                                                       actions)))))
            (unless chosen (mapleak-fail (format "no code action titled %s" (plist-get action :title))))
            ;; What `eglot-code-actions' does with the action picked from its menu.
            (eglot--apply-workspace-edit (plist-get chosen :edit))
            (mapleak-emit `((event . "applied") (title . ,(plist-get chosen :title)) (text . ,(buffer-string))))
            ;; Back to the original text, sent at once (eglot otherwise waits for an idle timer),
            ;; then the whole-file fix from the same menu.
            (erase-buffer)
            (insert original)
            (eglot--signal-textDocument/didChange)
            (mapleak-goto action)
            (let ((all (cl-remove-if-not (lambda (a) (string-prefix-p "source.fixAll" (or (plist-get a :kind) "")))
                                         (eglot-code-actions (point) (point)))))
              (unless (= (length all) 1) (mapleak-fail (format "expected one source.fixAll action, got %S" all)))
              (eglot--apply-workspace-edit (plist-get (car all) :edit))
              (mapleak-emit `((event . "fixAll") (title . ,(plist-get (car all) :title)) (text . ,(buffer-string))))))))
      (set-buffer-modified-p nil)
      (eglot-shutdown (eglot--current-server-or-lose))))
  (mapleak-emit '((event . "done")))
  (kill-emacs 0))

(condition-case err
    (mapleak-run)
  (error (mapleak-fail (error-message-string err))))
