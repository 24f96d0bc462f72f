// The help text. Kept next to the flags it describes; docs/cli.md has the long form.
export const USAGE = `usage: go-mapleak [flags] [PATH ...]

Finds Go maps that hold memory or allocate more than you think.

PATH is a .go file, a directory (its .go files), or DIR/... for DIR and every
directory below it (skipping vendor, testdata and names starting with . or _).
The default is the current directory. Files outside the build target (//go:build,
_GOOS/_GOARCH names) and generated files are not reported.

flags:
  --format F                 output format: text (default), json, sarif, github (Actions
                             annotations), checkstyle, codeclimate (GitLab Code Quality), rdjson (reviewdog)
  --fix                      apply each finding's preferred fix to the files
  --diff                     with or without --fix: print the preferred fixes as a unified diff,
                             each hunk after its preview lines (# ...), and write nothing
  --new-from-rev REV         report only findings on lines changed since git revision REV
                             (commits, staged and unstaged changes; untracked files are all new)
  --new-from-patch FILE      report only findings on lines a unified diff (git diff) adds
  --baseline FILE            report only findings not in this baseline (matched by fingerprint,
                             not by line, so moved code still matches)
  --write-baseline FILE      write the findings to FILE as the baseline, print none, exit 0
  --go-version VERSION       Go language version to assume (default: the go line of the nearest go.mod)
  --min-severity LEVEL       report only hint|information|warning|error and above (default
                             information: hints are counted on stderr, not shown)
  --tests                    report mapretain, mapshrink and ifacebox in _test.go files too
  --disable RULE,...         do not run these rules (rangeclear, mapretain, mapshrink, ifacebox)
  --enable RULE,...          run these rules (all run unless disabled)
  --exclude GLOB             do not lint paths matching GLOB (relative to the current directory;
                             * within a segment, ** across; a directory excludes what is below it)
  --tags T,...               extra build tags (as go build -tags); GOOS/GOARCH from the environment
  --config FILE              read this config file for every directory (default: the
                             .go-mapleak.yaml, .yml or .json found walking up from each linted
                             directory to the repository root); flags given win over its keys
  --no-config                read no config file
  --issues-exit-code N       exit code when findings are reported (default 1)
  --compiler auto|off        auto (default): when go is on PATH, build each package with
                             shown findings the Go compiler can confirm (go test -c into a
                             temp directory, offline) and use its escape records; off: never run go
  --compiler-timeout D       the compiler pass's whole time budget (default 120s)
  --compiler-download        let the compiler pass download modules (default: GOPROXY=off)
  -j, --jobs N               worker threads for the analysis (default: the CPUs, at most 8,
                             used from 65 files on; a given N is used from 2 directories on;
                             --fix and --diff run on one thread)
  -h, --help                 print this help
  --version                  print the version

sub-commands: go-mapleak sim ..., profile ..., config init|check (each with --help).

exit codes: 0 no findings, 1 findings (see --issues-exit-code), 2 usage or I/O error.
See docs/cli.md for the output formats.
`;
