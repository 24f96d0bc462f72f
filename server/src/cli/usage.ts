// The help text. Kept next to the flags it describes; docs/cli.md has the long form.
export const USAGE = `usage: go-mapleak [flags] [PATH ...]

Finds Go maps that hold memory or allocate more than you think.

PATH is a .go file, a directory (its .go files), or DIR/... for DIR and every
directory below it (skipping vendor, testdata and names starting with . or _).
The default is the current directory.

flags:
  --format text|json|sarif   output format (default text)
  --fix                      apply each finding's preferred fix to the files
  --go-version VERSION       Go language version to assume (default: the go line of the nearest go.mod)
  --min-severity LEVEL       report only hint|information|warning|error and above (default hint: all)
  --issues-exit-code N       exit code when findings are reported (default 1)
  -h, --help                 print this help
  --version                  print the version

exit codes: 0 no findings, 1 findings (see --issues-exit-code), 2 usage or I/O error.
See docs/cli.md for the output formats.
`;
